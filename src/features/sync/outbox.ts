// The outbox: every local change to a synced record, queued for the push.
//
// Guarantees (each has a test in tests/unit/sync/outbox.test.ts):
// - A record and its outbox entry commit in ONE Dexie transaction: both or neither. A failure
//   in either write (validation, quota, a crash) aborts the transaction and leaves no trace.
// - The database is opened with `chromeTransactionDurability: 'strict'`, so once the promise
//   of a write resolves the change survives a crash; the app says « enregistré » only then.
// - `seq` is IndexedDB's auto-increment: it only grows, one per mutation, in commit order, and
//   is the mutation id of the push (DESIGN.md, "Sync protocol"). Entries are removed only by
//   the sync client after the server acknowledged them, and only from the front, so the server
//   never sees a gap.
// - A deletion is a tombstone (`deletedAt` set, the record kept) plus an entry with op
//   'delete', so the deletion travels like any change.
// - An optional draft is deleted in the same transaction as the save: a saved log never leaves
//   its draft behind, and a failed save keeps it.
// - Data derived from a record (per-day statistics) is updated in the same transaction through
//   the `derived` option, so it never disagrees with what is committed.
// - Writes coming from a pull must not use this module (no echo): they write the table only.
import type { Table } from 'dexie'
import { db } from '@/db/database'
import type { OutboxEntry } from '@/db/types'
import type { RecordBase, SyncedTable } from './record'
import { getDeviceId } from './meta'

export interface WriteContext {
  /** ISO timestamp of this write. */
  now: string
  /** This device's id: the author until enrolment gives a user id. */
  deviceId: string
}

/** Data kept in step with a table: its tables join the transaction, `apply` runs inside it. */
export interface Derived<T> {
  tables: string[]
  apply(before: T | undefined, after: T | undefined): Promise<void>
}

export interface WriteOptions<T> {
  /** A draft to delete in the same transaction (the form it came from is being saved). */
  draftId?: string | null
  derived?: Derived<T>
}

function table<T extends RecordBase>(name: SyncedTable): Table<T, string> {
  return db().table<T, string>(name)
}

/** Copies a record into plain data (Vue proxies and class instances do not clone into IDB). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/**
 * Writes a record built from its current stored version (undefined when new) and queues it,
 * atomically. `build` runs inside the transaction and may throw to abort it.
 */
export async function putWithOutbox<T extends RecordBase>(
  name: SyncedTable,
  id: string,
  build: (existing: T | undefined, context: WriteContext) => T,
  options: WriteOptions<T> = {},
): Promise<T> {
  const database = db()
  const deviceId = await getDeviceId()
  const records = table<T>(name)
  const scope = [records, database.outbox, database.table('drafts'), ...(options.derived?.tables ?? []).map((t) => database.table(t))]
  return database.transaction('rw', scope, async () => {
    const existing = await records.get(id)
    const record = plain(build(existing, { now: new Date().toISOString(), deviceId }))
    if (record.id !== id) throw new Error(`outbox: built record ${record.id} does not match ${id}`)
    await records.put(record)
    await database.outbox.add(entry(name, record, 'put'))
    await options.derived?.apply(existing, record)
    if (options.draftId) await database.table('drafts').delete(options.draftId)
    return record
  })
}

/** Marks a record deleted (tombstone) and queues the deletion, atomically. */
export async function deleteWithOutbox<T extends RecordBase>(name: SyncedTable, id: string, derived?: Derived<T>): Promise<T | undefined> {
  const database = db()
  const records = table<T>(name)
  return database.transaction('rw', [records, database.outbox, ...(derived?.tables ?? []).map((t) => database.table(t))], async () => {
    const existing = await records.get(id)
    if (!existing || existing.deletedAt) return existing
    const now = new Date().toISOString()
    const tombstone = { ...existing, deletedAt: now, updatedAt: now }
    await records.put(tombstone)
    await database.outbox.add(entry(name, tombstone, 'delete'))
    await derived?.apply(existing, tombstone)
    return tombstone
  })
}

function entry(name: SyncedTable, record: RecordBase, op: OutboxEntry['op']): OutboxEntry {
  return { table: name, recordId: record.id, op, payload: record, attempts: 0, lastError: null, createdAt: new Date().toISOString() }
}

/** Entries waiting to be pushed, oldest first. */
export async function readOutbox(limit = 500): Promise<OutboxEntry[]> {
  return db().outbox.orderBy('seq').limit(limit).toArray()
}

export async function outboxSize(): Promise<number> {
  return db().outbox.count()
}

/** Ids of the records of a table that still have an entry waiting (never overwritten by a pull, never purged). */
export async function pendingRecordIds(name: SyncedTable): Promise<Set<string>> {
  const keys = await db().outbox.where('[table+recordId]').between([name, ''], [name, '\uffff']).keys()
  return new Set(keys.map((key) => (key as unknown as [string, string])[1]))
}
