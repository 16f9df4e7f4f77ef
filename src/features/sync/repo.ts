// The sync client's storage: the enrolment, the pull cursor, acknowledging pushed entries,
// rejected mutations, and applying a pulled page. The only sync code that touches Dexie besides
// the outbox module.
//
// Guarantees (tests in tests/unit/sync/repo.test.ts and tests/server/sync-client.test.ts):
// - Entries leave the outbox only from the front, up to min(acknowledged id, highest id sent);
//   a rejected mutation is kept in `rejectedMutations` in the same transaction.
// - A pulled page is applied in ONE transaction over the record tables, the outbox, the
//   per-day counters and `meta`: a record that still has an outbox entry is skipped (checked
//   inside the transaction), a change whose rev is not above the stored one is skipped, each
//   record is validated (an invalid one is skipped and counted, never written), the derived
//   counters follow, and the cursor is stored last. Nothing of it enters the outbox (no echo).
import type { z } from 'zod'
import { db, DB_SCHEMA_VERSION } from '@/db/database'
import { MUTATION_COUNTER_KEY, STORED_TABLE } from '@/db/tables'
import { enrolmentSchema, rejectedMutationSchema, type Enrolment, type RejectedMutation } from '@/schemas/enrolment'
import type { OutboxEntry } from '@/schemas/outbox'
import { SYNCED_TABLES, tombstoneOf, type RecordBase, type SyncedTable } from '@/schemas/record'
import { tombstoneSchema, type PullChange, type Rejection } from '@/schemas/sync'
import { ENROLMENT_KEY } from './meta'
import type { Derived } from './outbox'

const CURSOR_KEY = 'pullCursor'
const LAST_SYNC_KEY = 'lastSyncAt'

export async function readEnrolment(): Promise<Enrolment | null> {
  const parsed = enrolmentSchema.safeParse((await db().meta.get(ENROLMENT_KEY))?.value)
  return parsed.success ? parsed.data : null
}

/** The id the next enrolment must start from: the lowest still queued, else the counter's next. */
export async function nextMutationIdForEnrolment(): Promise<number> {
  const database = db()
  return database.transaction('r', [database.outbox, database.meta], async () => {
    const first = await database.outbox.orderBy('mutationId').first()
    if (first) return first.mutationId
    const counter = (await database.meta.get(MUTATION_COUNTER_KEY))?.value
    return typeof counter === 'number' && counter >= 1 ? counter : 1
  })
}

/** Stores a new enrolment; the pull starts again from the beginning for this structure. */
export async function saveEnrolment(enrolment: Enrolment): Promise<void> {
  const database = db()
  await database.transaction('rw', database.meta, async () => {
    const previous = enrolmentSchema.safeParse((await database.meta.get(ENROLMENT_KEY))?.value)
    await database.meta.put({ key: ENROLMENT_KEY, value: enrolmentSchema.parse(enrolment) })
    if (!previous.success || previous.data.structureId !== enrolment.structureId) await database.meta.put({ key: CURSOR_KEY, value: 0 })
  })
}

export async function updateEnrolment(change: Partial<Enrolment>): Promise<Enrolment | null> {
  const database = db()
  return database.transaction('rw', database.meta, async () => {
    const current = enrolmentSchema.safeParse((await database.meta.get(ENROLMENT_KEY))?.value)
    if (!current.success) return null
    const next = enrolmentSchema.parse({ ...current.data, ...change })
    await database.meta.put({ key: ENROLMENT_KEY, value: next })
    return next
  })
}

/**
 * Unlinks this device. Unsent changes stay in the outbox (a later enrolment sends them) unless
 * `discardUnsent`, which the person confirms. Records already on the device stay.
 */
export async function clearEnrolment(options: { discardUnsent: boolean }): Promise<void> {
  const database = db()
  await database.transaction('rw', [database.meta, database.outbox], async () => {
    await database.meta.bulkDelete([ENROLMENT_KEY, CURSOR_KEY, LAST_SYNC_KEY])
    if (options.discardUnsent) await database.outbox.clear()
  })
}

export async function readCursor(): Promise<number> {
  const value = (await db().meta.get(CURSOR_KEY))?.value
  return typeof value === 'number' && value >= 0 ? value : 0
}

export async function readLastSync(): Promise<string | null> {
  const value = (await db().meta.get(LAST_SYNC_KEY))?.value
  return typeof value === 'string' ? value : null
}

export async function writeLastSync(at: string): Promise<void> {
  await db().meta.put({ key: LAST_SYNC_KEY, value: at })
}

/** The oldest entries, in order, for the next push. */
export async function outboxFront(limit: number): Promise<OutboxEntry[]> {
  return db().outbox.orderBy('seq').limit(limit).toArray()
}

/**
 * Removes acknowledged entries from the front of the outbox (never past `highestSent`, never
 * past the first entry above the acknowledged id) and keeps the rejected ones, atomically.
 * Returns how many entries left the outbox.
 */
export async function acknowledge(acknowledged: number, highestSent: number, rejected: readonly Rejection[]): Promise<number> {
  const database = db()
  const upTo = Math.min(acknowledged, highestSent)
  const reasons = new Map(rejected.map((r) => [r.id, r.reason]))
  return database.transaction('rw', [database.outbox, database.table('rejectedMutations')], async () => {
    let removed = 0
    const now = new Date().toISOString()
    for (const entry of await database.outbox.orderBy('seq').toArray()) {
      if (entry.mutationId > upTo) break
      const reason = reasons.get(entry.mutationId)
      if (reason !== undefined) {
        const row: RejectedMutation = { mutationId: entry.mutationId, table: entry.table, recordId: entry.recordId, op: entry.op, reason, rejectedAt: now }
        await database.table('rejectedMutations').put(rejectedMutationSchema.parse(row))
      }
      await database.outbox.delete(entry.seq as number)
      removed++
    }
    return removed
  })
}

/** Records the server refused, newest first. */
export async function listRejected(): Promise<RejectedMutation[]> {
  const rows = await db().table<RejectedMutation>('rejectedMutations').orderBy('mutationId').reverse().toArray()
  return rows.flatMap((row) => {
    const parsed = rejectedMutationSchema.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
}

export async function countRejected(): Promise<number> {
  return db().table('rejectedMutations').count()
}

/** How each synced table validates pulled records and what moves with them (per-day counters). */
export interface TableBinding {
  schema: z.ZodType<RecordBase>
  derived?: Derived<RecordBase>
}

export interface ApplyReport {
  applied: number
  /** Local changes still waiting to be pushed win over the pulled version, for now. */
  skippedPending: number
  skippedStale: number
  /** Records that do not parse, or of tables this version does not know: kept out, counted. */
  invalid: number
}

/** Applies one pulled page and stores its cursor, in ONE transaction (see the header). */
export async function applyPulledPage(changes: readonly PullChange[], cursor: number, bindings: Readonly<Record<SyncedTable, TableBinding>>): Promise<ApplyReport> {
  const database = db()
  const derivedTables = new Set(SYNCED_TABLES.flatMap((t) => bindings[t].derived?.tables ?? []))
  const scope = [...SYNCED_TABLES.map((t) => STORED_TABLE[t]), 'outbox', 'meta', ...derivedTables]
  return database.transaction('rw', scope, async () => {
    const report: ApplyReport = { applied: 0, skippedPending: 0, skippedStale: 0, invalid: 0 }
    for (const change of changes) {
      const table = (SYNCED_TABLES as readonly string[]).includes(change.table) ? (change.table as SyncedTable) : null
      const binding = table && bindings[table]
      // A deletion carries a tombstone (base fields and date): it is validated as one.
      const schema = change.op === 'delete' ? tombstoneSchema : binding?.schema
      const parsed = schema?.safeParse({ ...change.record, rev: change.rev })
      if (!table || !binding || !parsed?.success) {
        report.invalid++
        continue
      }
      const record = change.op === 'delete' ? { ...tombstoneOf(parsed.data, parsed.data.deletedAt as string), rev: change.rev } : parsed.data
      const pending = await database.outbox.where('[table+recordId]').equals([table, record.id]).count()
      if (pending > 0) {
        report.skippedPending++
        continue
      }
      const stored = database.table<RecordBase, string>(STORED_TABLE[table])
      const existing = await stored.get(record.id)
      if (existing && existing.rev !== null && existing.rev >= change.rev) {
        report.skippedStale++
        continue
      }
      await stored.put(record)
      await binding.derived?.apply(existing, record)
      report.applied++
    }
    await database.meta.put({ key: CURSOR_KEY, value: cursor })
    return report
  })
}

export const CLIENT_SCHEMA_VERSION = DB_SCHEMA_VERSION
