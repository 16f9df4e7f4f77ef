// Accompaniment logs on this device: save (with its outbox entry), read, list, delete, purge.
import { newId } from '@/lib/ids'
import { deleteWithOutbox, putWithOutbox, type Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/stats/days'
import { allInPeriod, countPurgeable, getLive, pageByDate, purgeBefore, type PageCursor } from '@/features/sync/records'
import { sessionContentSchema, sessionLogSchema, type SessionContent, type SessionLog } from './schema'

const TABLE = 'sessionLogs'
/** Per-day statistics move with every write, in the same transaction. */
const derived = activityDaysDerivation as Derived<SessionLog>

export interface SaveOptions {
  /** The record to update; a new one is created when absent. */
  id?: string | null
  /** The draft the form was saved from, deleted with the save. */
  draftId?: string | null
}

/** Validates and saves a log; throws a ZodError when the content is invalid. */
export async function saveSessionLog(content: SessionContent, options: SaveOptions = {}): Promise<SessionLog> {
  const valid = sessionContentSchema.parse(content)
  const id = options.id ?? newId()
  return putWithOutbox<SessionLog>(
    TABLE,
    id,
    (existing, { now, deviceId }) => {
      if (options.id && (!existing || existing.deletedAt)) throw new Error(`sessions: no log ${id} to update`)
      return sessionLogSchema.parse({
        id,
        structureId: existing?.structureId ?? null,
        authorId: existing?.authorId ?? deviceId,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        deletedAt: null,
        rev: existing?.rev ?? null,
        kind: 'individuel',
        ...valid,
      })
    },
    { draftId: options.draftId, derived },
  )
}

export function getSessionLog(id: string): Promise<SessionLog | undefined> {
  return getLive<SessionLog>(TABLE, id)
}

export function deleteSessionLog(id: string): Promise<SessionLog | undefined> {
  return deleteWithOutbox<SessionLog>(TABLE, id, derived)
}

export interface SessionPageQuery {
  from: string
  to: string
  before?: PageCursor | null
  limit: number
  filter?: (log: SessionLog) => boolean
}

export function pageSessionLogs(query: SessionPageQuery): Promise<SessionLog[]> {
  return pageByDate<SessionLog>(TABLE, query)
}

export function sessionLogsInPeriod(from: string, to: string): Promise<SessionLog[]> {
  return allInPeriod<SessionLog>(TABLE, from, to)
}

export function countSessionLogsBefore(cutoff: string): Promise<number> {
  return countPurgeable(TABLE, cutoff)
}

export function purgeSessionLogsBefore(cutoff: string): Promise<number> {
  return purgeBefore<SessionLog>(TABLE, cutoff, derived)
}
