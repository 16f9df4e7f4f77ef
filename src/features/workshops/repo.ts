// Workshops on this device: plan, log (with the outbox entry), read, list, delete, purge.
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/stats/days'
import { datedRecordRepository } from '@/features/sync/records'
import { workshopContentSchema, workshopSchema, type Workshop, type WorkshopContent } from './schema'

const repository = datedRecordRepository<WorkshopContent, Workshop>({
  table: 'workshops',
  kind: 'collectif',
  parseContent: (content) => workshopContentSchema.parse(content),
  parseRecord: (record) => workshopSchema.parse(record),
  // Per-day statistics move with every write, in the same transaction.
  derived: activityDaysDerivation as Derived<Workshop>,
})

/** Validates and saves a workshop; throws a ZodError when the content is invalid. */
export const saveWorkshop = repository.save
export const getWorkshop = repository.get
export const deleteWorkshop = repository.remove
export const pageWorkshops = repository.page
export const workshopsInPeriod = repository.inPeriod
export const countWorkshopsBefore = repository.countBefore
export const purgeWorkshopsBefore = repository.purgeBefore
