// Workshops on this device: plan, log (with the outbox entry), read, list, delete, purge.
import { newId } from '@/lib/ids'
import { deleteWithOutbox, putWithOutbox, type Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/stats/days'
import { allInPeriod, countPurgeable, getLive, pageByDate, purgeBefore, type PageCursor } from '@/features/sync/records'
import { workshopContentSchema, workshopSchema, type Workshop, type WorkshopContent } from './schema'

const TABLE = 'workshops'
/** Per-day statistics move with every write, in the same transaction. */
const derived = activityDaysDerivation as Derived<Workshop>

export interface SaveOptions {
  id?: string | null
  draftId?: string | null
}

/** Validates and saves a workshop; throws a ZodError when the content is invalid. */
export async function saveWorkshop(content: WorkshopContent, options: SaveOptions = {}): Promise<Workshop> {
  const valid = workshopContentSchema.parse(content)
  const id = options.id ?? newId()
  return putWithOutbox<Workshop>(
    TABLE,
    id,
    (existing, { now, deviceId }) => {
      if (options.id && (!existing || existing.deletedAt)) throw new Error(`workshops: no workshop ${id} to update`)
      return workshopSchema.parse({
        id,
        structureId: existing?.structureId ?? null,
        authorId: existing?.authorId ?? deviceId,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        deletedAt: null,
        rev: existing?.rev ?? null,
        kind: 'collectif',
        ...valid,
      })
    },
    { draftId: options.draftId, derived },
  )
}

export function getWorkshop(id: string): Promise<Workshop | undefined> {
  return getLive<Workshop>(TABLE, id)
}

export function deleteWorkshop(id: string): Promise<Workshop | undefined> {
  return deleteWithOutbox<Workshop>(TABLE, id, derived)
}

export interface WorkshopPageQuery {
  from: string
  to: string
  before?: PageCursor | null
  limit: number
  filter?: (workshop: Workshop) => boolean
}

export function pageWorkshops(query: WorkshopPageQuery): Promise<Workshop[]> {
  return pageByDate<Workshop>(TABLE, query)
}

export function workshopsInPeriod(from: string, to: string): Promise<Workshop[]> {
  return allInPeriod<Workshop>(TABLE, from, to)
}

export function countWorkshopsBefore(cutoff: string): Promise<number> {
  return countPurgeable(TABLE, cutoff)
}

export function purgeWorkshopsBefore(cutoff: string): Promise<number> {
  return purgeBefore<Workshop>(TABLE, cutoff, derived)
}
