// Reads and retention of the dated synced tables (accompaniments, workshops), shared by their
// repositories. Every read skips tombstones.
import type { Table } from 'dexie'
import { db } from '@/db/database'
import type { RecordBase, SyncedTable } from './record'
import { pendingRecordIds, type Derived } from './outbox'

export interface Dated extends RecordBase {
  date: string
}

/** Where a page ends: the (date, id) of its last row; the next page starts strictly after it. */
export interface PageCursor {
  date: string
  id: string
}

export interface PageQuery<T> {
  from: string
  to: string
  before?: PageCursor | null
  limit: number
  filter?: (record: T) => boolean
}

const MAX_KEY = '\uffff'

function table<T extends Dated>(name: SyncedTable): Table<T, string> {
  return db().table<T, string>(name)
}

/** Records of a period, newest first, one page at a time (keyset paging: deep pages stay fast). */
export async function pageByDate<T extends Dated>(name: SyncedTable, query: PageQuery<T>): Promise<T[]> {
  const upper: [string, string] = query.before ? [query.before.date, query.before.id] : [query.to, MAX_KEY]
  const includeUpper = !query.before
  const filter = query.filter
  return table<T>(name)
    .where('[date+id]')
    .between([query.from, ''], upper, true, includeUpper)
    .reverse()
    .filter((r) => !r.deletedAt && (!filter || filter(r)))
    .limit(query.limit)
    .toArray()
}

/** Every live record of a period (statistics, exports), oldest first. */
export async function allInPeriod<T extends Dated>(name: SyncedTable, from: string, to: string): Promise<T[]> {
  const rows = await table<T>(name).where('[date+id]').between([from, ''], [to, MAX_KEY], true, true).toArray()
  return rows.filter((r) => !r.deletedAt)
}

export async function getLive<T extends Dated>(name: SyncedTable, id: string): Promise<T | undefined> {
  const record = await table<T>(name).get(id)
  return record && !record.deletedAt ? record : undefined
}

/**
 * Ids of the records dated before `cutoff` that retention may remove. Records that still have
 * an outbox entry are kept until it is pushed: dropping the entry would lose unsent work and
 * leave a gap in the mutation ids the server checks.
 */
async function purgeableIds(name: SyncedTable, cutoff: string): Promise<string[]> {
  const keys = await table(name).where('[date+id]').below([cutoff, '']).primaryKeys()
  const pending = await pendingRecordIds(name)
  return keys.filter((id) => !pending.has(id))
}

export async function countPurgeable(name: SyncedTable, cutoff: string): Promise<number> {
  return (await purgeableIds(name, cutoff)).length
}

/**
 * Removes records dated before `cutoff`, tombstones included, from this device only: no outbox
 * entry, because the server applies the same retention to its own copy (DESIGN.md).
 */
export async function purgeBefore<T extends Dated>(name: SyncedTable, cutoff: string, derived?: Derived<T>): Promise<number> {
  const database = db()
  const scope = [database.table(name), database.outbox, ...(derived?.tables ?? []).map((t) => database.table(t))]
  return database.transaction('rw', scope, async () => {
    const ids = await purgeableIds(name, cutoff)
    if (derived) {
      for (const record of await table<T>(name).bulkGet(ids)) if (record) await derived.apply(record, undefined)
    }
    await database.table(name).bulkDelete(ids)
    return ids.length
  })
}
