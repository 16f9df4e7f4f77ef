// Workshops on this device: plan, log (with the outbox entry), read, list, delete, purge.
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/journal/days'
import { datedRecordRepository } from '@/features/sync/records'
import { today } from '@/lib/dates'
import { workshopContentShape, workshopSchemas, type Workshop } from '@/schemas/workshop'

export const workshopsRepo = datedRecordRepository<Workshop>({
  table: 'workshops',
  kind: 'collectif',
  // Saved on this device: nothing that has happened is dated after its own calendar day.
  recordSchema: workshopSchemas({ latestPastDate: () => today() }).record,
  contentKeys: Object.keys(workshopContentShape),
  // Per-day statistics move with every write, in the same transaction.
  derived: activityDaysDerivation as Derived<Workshop>,
})
