// The repository of a dated synced table (accompaniments, workshops): saves and deletes through
// the outbox, reads that skip tombstones, paging, retention. One factory, so both kinds of
// activity behave alike and the journal can reach either through the table name.
import type { z } from 'zod'
import { isStorageFull } from '@/db/errors'
import { db } from '@/db/database'
import { STORED_TABLE } from '@/db/tables'
import { fieldErrors, type FieldError } from '@/lib/formErrors'
import { newId } from '@/lib/ids'
import type { RecordBase, SyncedTable } from '@/schemas/record'
import { deleteWithOutbox, pendingRecordIds, putWithOutbox, storedTable, type Derived } from './outbox'

export interface Dated extends RecordBase {
  date: string
}

/** What a save answers: the saved record, or why nothing was written. */
export type SaveResult<T> =
  | { ok: true; record: T }
  | { ok: false; reason: 'invalid'; errors: FieldError[] }
  /** The browser has no room left: nothing was written. */
  | { ok: false; reason: 'storage-full' }
  /** The record being edited no longer exists (deleted meanwhile): it can be saved as new. */
  | { ok: false; reason: 'missing' }

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

/** Records of a period, newest first, one page at a time (keyset paging: deep pages stay fast). */
export async function pageByDate<T extends Dated>(name: SyncedTable, query: PageQuery<T>): Promise<T[]> {
  const upper: [string, string] = query.before ? [query.before.date, query.before.id] : [query.to, MAX_KEY]
  const includeUpper = !query.before
  const filter = query.filter
  return storedTable<T>(name)
    .where('[date+id]')
    .between([query.from, ''], upper, true, includeUpper)
    .reverse()
    .filter((r) => !r.deletedAt && (!filter || filter(r)))
    .limit(query.limit)
    .toArray()
}

/** Every live record of a period (statistics, exports), oldest first. */
export async function allInPeriod<T extends Dated>(name: SyncedTable, from: string, to: string): Promise<T[]> {
  const rows = await storedTable<T>(name).where('[date+id]').between([from, ''], [to, MAX_KEY], true, true).toArray()
  return rows.filter((r) => !r.deletedAt)
}

export async function getLive<T extends Dated>(name: SyncedTable, id: string): Promise<T | undefined> {
  const record = await storedTable<T>(name).get(id)
  return record && !record.deletedAt ? record : undefined
}

/**
 * Ids of the records dated before `cutoff` that retention may remove. Records that still have
 * an outbox entry are kept until it is pushed: dropping the entry would lose unsent work.
 */
async function purgeableIds(name: SyncedTable, cutoff: string): Promise<string[]> {
  const keys = await storedTable(name).where('[date+id]').below([cutoff, '']).primaryKeys()
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
  const scope = [STORED_TABLE[name], 'outbox', ...(derived?.tables ?? [])]
  return database.transaction('rw', scope, async () => {
    const ids = await purgeableIds(name, cutoff)
    if (derived) {
      for (const record of await storedTable<T>(name).bulkGet(ids)) if (record) await derived.apply(record, undefined)
    }
    await storedTable(name).bulkDelete(ids)
    return ids.length
  })
}

export interface SaveOptions {
  /** The record to update; a new one is created when absent. */
  id?: string | null
  /** The draft the form was saved from, deleted in the same transaction. */
  draftId?: string | null
}

interface DatedRecordRepositoryOptions<T extends Dated> {
  table: SyncedTable
  /** The activity kind stamped on every record of this table. */
  kind: string
  /** The stored record's schema: the one validation of a save, on the whole record. */
  recordSchema: z.ZodType<T>
  /** The content fields a form may set: anything else it sends is left out. */
  contentKeys: readonly string[]
  /** What moves with every write, in the same transaction (statistics counters). */
  derived?: Derived<T>
}

class Refused extends Error {
  constructor(readonly result: Exclude<SaveResult<never>, { ok: true }>) {
    super(result.reason)
  }
}

function pick(content: object, keys: readonly string[]): Record<string, unknown> {
  const source = content as Record<string, unknown>
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]))
}

/**
 * The repository of one dated synced table: every save and delete writes the record and its
 * outbox entry in one transaction (see outbox.ts); reads skip tombstones.
 */
export function datedRecordRepository<T extends Dated>(options: DatedRecordRepositoryOptions<T>) {
  const { table: name, kind, recordSchema, contentKeys, derived } = options
  return {
    /**
     * Validates the whole record once and saves it with its outbox entry. Fields that a newer
     * version of the app wrote into the stored record are kept. Never throws for invalid
     * content, a full storage or a record deleted meanwhile: the result says which.
     */
    async save(content: object, saveOptions: SaveOptions = {}): Promise<SaveResult<T>> {
      const id = saveOptions.id ?? newId()
      try {
        const record = await putWithOutbox<T>(
          name,
          id,
          (existing, context) => {
            if (saveOptions.id && (!existing || existing.deletedAt)) throw new Refused({ ok: false, reason: 'missing' })
            const parsed = recordSchema.safeParse({
              ...existing,
              id,
              structureId: existing?.structureId ?? context.structureId,
              authorId: existing?.structureId ? existing.authorId : context.authorId,
              createdAt: existing?.createdAt ?? context.now,
              updatedAt: context.now,
              deletedAt: null,
              rev: existing?.rev ?? null,
              kind,
              ...pick(content, contentKeys),
            })
            if (!parsed.success) throw new Refused({ ok: false, reason: 'invalid', errors: fieldErrors(parsed.error) })
            return parsed.data
          },
          { draftId: saveOptions.draftId, derived },
        )
        return { ok: true, record }
      } catch (error) {
        if (error instanceof Refused) return error.result
        if (isStorageFull(error)) return { ok: false, reason: 'storage-full' }
        throw error
      }
    },
    get: (id: string) => getLive<T>(name, id),
    remove: (id: string) => deleteWithOutbox<T>(name, id, derived),
    page: (query: PageQuery<T>) => pageByDate<T>(name, query),
    inPeriod: (from: string, to: string) => allInPeriod<T>(name, from, to),
    countBefore: (cutoff: string) => countPurgeable(name, cutoff),
    purgeBefore: (cutoff: string) => purgeBefore<T>(name, cutoff, derived),
  }
}
