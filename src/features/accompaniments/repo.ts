// Accompaniments on this device: save (with its outbox entry), read, list, delete, purge.
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/journal/days'
import { datedRecordRepository } from '@/features/sync/records'
import { today } from '@/lib/dates'
import { accompanimentContentShape, accompanimentSchemas, type Accompaniment } from '@/schemas/accompaniment'

export const accompanimentsRepo = datedRecordRepository<Accompaniment>({
  table: 'accompaniments',
  kind: 'individuel',
  // Saved on this device: nothing that has happened is dated after its own calendar day.
  recordSchema: accompanimentSchemas({ latestPastDate: () => today() }).record,
  contentKeys: Object.keys(accompanimentContentShape),
  // Per-day statistics move with every write, in the same transaction.
  derived: activityDaysDerivation as Derived<Accompaniment>,
})
