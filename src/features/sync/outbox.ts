// The outbox: every local change to a synced record, queued for the push.
//
// Guarantees (each has a test in tests/unit/sync/outbox.test.ts, which breaks each step once):
// - A record, its outbox entry, the mutation counter in `meta`, the data derived from the record
//   (per-day statistics) and the removal of the draft it was saved from commit in ONE Dexie
//   transaction: all or nothing. A failure at any step (validation, quota, a crash) aborts the
//   transaction and leaves no trace.
// - Every transaction of this module is opened with strict durability (the database is opened
//   with `chromeTransactionDurability: 'strict'`): once a write resolves, it survives a crash,
//   and the app says « enregistré » only then.
// - Mutation ids come from the counter in `meta` (DESIGN.md, "Mutation ids and the outbox"),
//   taken in the same transaction: one per mutation, in commit order, never reused, never going
//   back (a schema upgrade carries the counter on; see database.ts). `seq` is local order only.
// - Each entry keeps the schema version its payload was written in.
// - A deletion stores a tombstone that keeps only the base fields and the date (never the
//   notes), queues the same tombstone, and removes every draft of the record.
// - Writes carry the enrolled structure and user from `meta` (before enrolment: null and the
//   device id); the server stamps both from the token anyway.
// - Writes coming from a pull must not use this module (no echo): see the sync client.
import type { Table } from 'dexie'
import { db, DB_SCHEMA_VERSION } from '@/db/database'
import { MUTATION_COUNTER_KEY, STORED_TABLE } from '@/db/tables'
import type { OutboxEntry } from '@/schemas/outbox'
import { tombstoneOf, type RecordBase, type SyncedTable } from '@/schemas/record'
import { getDeviceId, readAuthorship } from './meta'

export interface WriteContext {
  /** ISO timestamp of this write. */
  now: string
  /** The enrolled structure, or null. */
  structureId: string | null
  /** The enrolled user, or this device's id before enrolment. */
  authorId: string
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

export function storedTable<T>(name: SyncedTable): Table<T, string> {
  return db().table<T, string>(STORED_TABLE[name])
}

/** Copies a record into plain data (Vue proxies and class instances do not clone into IDB). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function scopeOf(name: SyncedTable, derived: Derived<unknown> | undefined): string[] {
  return [STORED_TABLE[name], 'outbox', 'meta', 'drafts', ...(derived?.tables ?? [])]
}

/** Takes the next mutation id. Call inside a transaction that includes `meta`. */
async function takeMutationId(): Promise<number> {
  const meta = db().meta
  const row = await meta.get(MUTATION_COUNTER_KEY)
  const id = typeof row?.value === 'number' && row.value >= 1 ? row.value : 1
  await meta.put({ key: MUTATION_COUNTER_KEY, value: id + 1 })
  return id
}

async function queue(name: SyncedTable, record: RecordBase, op: OutboxEntry['op']): Promise<void> {
  const mutationId = await takeMutationId()
  await db().outbox.add({
    mutationId,
    table: name,
    recordId: record.id,
    op,
    schemaVersion: DB_SCHEMA_VERSION,
    payload: record as unknown as Record<string, unknown>,
    attempts: 0,
    lastError: null,
    createdAt: new Date().toISOString(),
  })
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
  const records = storedTable<T>(name)
  return database.transaction('rw', scopeOf(name, options.derived as Derived<unknown>), async () => {
    const existing = await records.get(id)
    const authorship = await readAuthorship(deviceId)
    const record = plain(build(existing, { now: new Date().toISOString(), ...authorship }))
    if (record.id !== id) throw new Error(`outbox: built record ${record.id} does not match ${id}`)
    await records.put(record)
    await queue(name, record, 'put')
    await options.derived?.apply(existing, record)
    if (options.draftId) await database.table('drafts').delete(options.draftId)
    return record
  })
}

/**
 * Marks a record deleted (a tombstone with the base fields and the date only), queues the
 * deletion and removes the record's drafts, atomically.
 */
export async function deleteWithOutbox<T extends RecordBase>(name: SyncedTable, id: string, derived?: Derived<T>): Promise<RecordBase | undefined> {
  const database = db()
  const records = storedTable<T>(name)
  return database.transaction('rw', scopeOf(name, derived as Derived<unknown>), async () => {
    const existing = await records.get(id)
    if (!existing || existing.deletedAt) return existing
    const tombstone = tombstoneOf(existing, new Date().toISOString())
    await records.put(tombstone as T)
    await queue(name, tombstone, 'delete')
    await derived?.apply(existing, tombstone as T)
    await database.table('drafts').where('recordId').equals(id).delete()
    return tombstone
  })
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
