// Accompaniments on this device: save (with its outbox entry), read, list, delete, purge.
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/journal/days'
import { datedRecordRepository } from '@/features/sync/records'
import { accompanimentContentShape, accompanimentRecordSchema, type Accompaniment } from '@/schemas/accompaniment'

export const accompanimentsRepo = datedRecordRepository<Accompaniment>({
  table: 'accompaniments',
  kind: 'individuel',
  recordSchema: accompanimentRecordSchema,
  contentKeys: Object.keys(accompanimentContentShape),
  // Per-day statistics move with every write, in the same transaction.
  derived: activityDaysDerivation as Derived<Accompaniment>,
})
