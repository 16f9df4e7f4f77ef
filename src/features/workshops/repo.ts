// Workshops on this device: plan, log (with the outbox entry), read, list, delete, purge.
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/journal/days'
import { datedRecordRepository } from '@/features/sync/records'
import { workshopContentShape, workshopRecordSchema, type Workshop } from '@/schemas/workshop'

export const workshopsRepo = datedRecordRepository<Workshop>({
  table: 'workshops',
  kind: 'collectif',
  recordSchema: workshopRecordSchema,
  contentKeys: Object.keys(workshopContentShape),
  // Per-day statistics move with every write, in the same transaction.
  derived: activityDaysDerivation as Derived<Workshop>,
})
