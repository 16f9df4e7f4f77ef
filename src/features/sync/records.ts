// Reads and retention of the dated synced tables (accompaniments, workshops), shared by their
// repositories. Every read skips tombstones.
import type { Table } from 'dexie'
import { db } from '@/db/database'
import type { RecordBase, SyncedTable } from './record'
import { newId } from '@/lib/ids'
import { deleteWithOutbox, pendingRecordIds, putWithOutbox, type Derived } from './outbox'

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

export interface SaveOptions {
  /** The record to update; a new one is created when absent. */
  id?: string | null
  /** The draft the form was saved from, deleted in the same transaction. */
  draftId?: string | null
}

interface DatedRecordRepositoryOptions<C, T extends Dated> {
  table: SyncedTable
  /** The activity kind stamped on every record of this table. */
  kind: string
  /** Validates what a form submits; throws a ZodError when invalid. */
  parseContent: (content: C) => C
  /** Validates the whole record before it is written. */
  parseRecord: (record: unknown) => T
  /** What moves with every write, in the same transaction (statistics counters). */
  derived?: Derived<T>
}

/**
 * The repository of one dated synced table: every save and delete writes the record and its
 * outbox entry in one transaction (see outbox.ts); reads skip tombstones.
 */
export function datedRecordRepository<C extends object, T extends Dated>(options: DatedRecordRepositoryOptions<C, T>) {
  const { table: name, kind, parseContent, parseRecord, derived } = options
  return {
    async save(content: C, saveOptions: SaveOptions = {}): Promise<T> {
      const valid = parseContent(content)
      const id = saveOptions.id ?? newId()
      return putWithOutbox<T>(
        name,
        id,
        (existing, { now, deviceId }) => {
          if (saveOptions.id && (!existing || existing.deletedAt)) throw new Error(`${name}: no record ${id} to update`)
          return parseRecord({
            id,
            structureId: existing?.structureId ?? null,
            authorId: existing?.authorId ?? deviceId,
            createdAt: existing?.createdAt ?? now,
            updatedAt: now,
            deletedAt: null,
            rev: existing?.rev ?? null,
            kind,
            ...valid,
          })
        },
        { draftId: saveOptions.draftId, derived },
      )
    },
    get: (id: string) => getLive<T>(name, id),
    remove: (id: string) => deleteWithOutbox<T>(name, id, derived),
    page: (query: PageQuery<T>) => pageByDate<T>(name, query),
    inPeriod: (from: string, to: string) => allInPeriod<T>(name, from, to),
    countBefore: (cutoff: string) => countPurgeable(name, cutoff),
    purgeBefore: (cutoff: string) => purgeBefore<T>(name, cutoff, derived),
  }
}
