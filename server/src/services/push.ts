// POST /api/sync/push: applies a device's batch of mutations (DESIGN.md, "Push").
//
// Guarantees, all inside ONE transaction (each proved in tests/server/sync-*.test.ts):
// - the device row is locked first, so two pushes of one device run one after the other;
// - a mutation with id <= last_mutation_id is skipped: replaying a batch whose answer was lost
//   is a no-op, so retrying is always safe;
// - a batch that does not continue exactly at last_mutation_id + 1 (a gap) is refused whole
//   with 409 mutation_gap and the server's lastMutationId; nothing of it is applied;
// - every other mutation is validated with its table's shared schema and must be the
//   author's own record in the token's structure; structureId and authorId are stamped from
//   the token, whatever the body says;
// - the n mutations applied take n change numbers at once from the structure row
//   (UPDATE structures SET version = version + n): each gets its own rev, so
//   (structure_id, rev) is unique, and since that row stays locked until COMMIT, change numbers
//   become visible in order: a pull cursor never passes a change still being written. The
//   structure row is locked before any record row, so concurrent pushes cannot deadlock;
// - a replaced version is copied to record_history; a deletion stores a tombstone (base
//   fields, kind and date: never the notes);
// - a mutation that can never be accepted is kept in rejected_mutations with its reason and
//   the push still moves past it; the answer lists it;
// - last_mutation_id moves to the batch's last id; a failure anywhere rolls everything back.
import type { Database, Queryable } from '../db/database.ts'
import { tombstoneOf, type RecordBase } from '../../../src/schemas/record.ts'
import type { Mutation, PushRequest, PushResponse, Rejection } from '../../../src/schemas/sync.ts'
import { authenticateDevice, type DeviceContext } from '../auth/device.ts'
import { ApiError, MESSAGES } from './errors.ts'
import { applyDayChanges, type DayChange } from './activity-days.ts'
import { MAX_CLIENT_SCHEMA_VERSION, MIN_CLIENT_SCHEMA_VERSION, tableSpec, type Visibility } from './sync-tables.ts'

interface StoredVersion {
  author_id: string
  rev: number
  payload: Record<string, unknown>
  updated_at: string
  deleted_at: string | null
  schema_version: number
  record_date: string | null
  visibility: Visibility
}

interface Accepted {
  mutation: Mutation
  key: string
  payload: Record<string, unknown>
  deletedAt: string | null
  recordDate: string | null
  visibility: Visibility
}

export function checkClientSchemaVersion(version: number | undefined): void {
  if (version === undefined) return
  if (version < MIN_CLIENT_SCHEMA_VERSION) {
    throw new ApiError(426, 'app_too_old', MESSAGES.appTooOld, { minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION })
  }
  if (version > MAX_CLIENT_SCHEMA_VERSION) {
    throw new ApiError(422, 'server_too_old', MESSAGES.serverTooOld, { maxSchemaVersion: MAX_CLIENT_SCHEMA_VERSION })
  }
}

const keyOf = (table: string, id: string) => `${table}\u0000${id}`

/** Test seam: runs inside the push transaction after the records are written, before COMMIT. */
export type PushProbe = (tx: Queryable) => Promise<void>

export async function pushMutations(
  db: Database,
  authorization: string | undefined,
  body: PushRequest,
  options: { now?: Date; afterWrite?: PushProbe } = {},
): Promise<PushResponse> {
  const now = options.now ?? new Date()
  const mutations = [...body.mutations].sort((a, b) => a.id - b.id)
  for (let i = 1; i < mutations.length; i++) {
    if (mutations[i]!.id === mutations[i - 1]!.id) {
      throw new ApiError(400, 'invalid_body', MESSAGES.invalidBody, { details: [{ path: 'mutations', message: `duplicate mutation id ${mutations[i]!.id}` }] })
    }
  }

  return db.transaction(async (tx) => {
    const device = await authenticateDevice(tx, authorization, true)
    checkClientSchemaVersion(body.schemaVersion)
    const last = device.lastMutationId
    const pending = mutations.filter((mutation) => mutation.id > last)
    if (pending.length === 0) return { lastMutationId: last, rejected: [] }
    pending.forEach((mutation, index) => {
      if (mutation.id !== last + 1 + index) {
        throw new ApiError(409, 'mutation_gap', MESSAGES.mutationGap, { lastMutationId: last })
      }
    })
    // A newer app than this server: refuse the batch (nothing is lost, the device retries later)
    // rather than rejecting records this server merely does not understand yet.
    for (const mutation of pending) {
      const spec = tableSpec(mutation.table)
      if (spec && mutation.schemaVersion > spec.maxSchemaVersion) {
        throw new ApiError(422, 'server_too_old', MESSAGES.serverTooOld, { maxSchemaVersion: spec.maxSchemaVersion })
      }
    }

    const rejected: Rejection[] = []
    const candidates: Accepted[] = []
    for (const mutation of pending) {
      const checked = checkMutation(mutation, device, now)
      if ('reason' in checked) rejected.push({ id: mutation.id, reason: checked.reason })
      else candidates.push(checked)
    }

    const current = await readCurrent(tx, device.structureId, candidates)
    const accepted: Accepted[] = []
    for (const candidate of candidates) {
      const existing = current.get(candidate.key)
      // A record has one author: a colleague's record (or a record id taken in this structure by
      // someone else) is never overwritten, whatever the body says.
      if (existing && existing.author_id !== device.userId) {
        rejected.push({ id: candidate.mutation.id, reason: 'not_author' })
        continue
      }
      accepted.push(candidate)
    }

    if (accepted.length > 0) await applyAccepted(tx, device, accepted, current, now)
    if (rejected.length > 0) await recordRejections(tx, device, pending, rejected, now)
    await options.afterWrite?.(tx)

    const lastMutationId = pending[pending.length - 1]!.id
    await tx.query('UPDATE devices SET last_mutation_id = $3, last_push_at = $4 WHERE structure_id = $1 AND id = $2', [
      device.structureId,
      device.deviceId,
      lastMutationId,
      now,
    ])
    rejected.sort((a, b) => a.id - b.id)
    return { lastMutationId, rejected }
  })
}

/** The mutation ready to store, or why it can never be accepted. */
function checkMutation(mutation: Mutation, device: DeviceContext, now: Date): Accepted | { reason: string } {
  const spec = tableSpec(mutation.table)
  if (!spec) return { reason: 'unknown_table' }
  if (spec.serverOnly) return { reason: 'read_only_table' }
  if (mutation.schemaVersion < spec.minSchemaVersion) return { reason: 'schema_too_old' }
  // Stamped before validation: a record written before enrolment carries a null structure and
  // the device id as author, and the body never decides either.
  const stamped: Record<string, unknown> = { ...mutation.record, structureId: device.structureId, authorId: device.userId, rev: null }
  if (mutation.op === 'delete' && typeof stamped.deletedAt !== 'string') stamped.deletedAt = now.toISOString()
  const deleting = mutation.op === 'delete' || (typeof stamped.deletedAt === 'string' && stamped.deletedAt !== '')
  let payload: Record<string, unknown>
  if (deleting) {
    const parsed = spec.tombstone.safeParse(stamped)
    if (!parsed.success) return { reason: invalidReason(parsed.error.issues) }
    const deletedAt = typeof parsed.data.deletedAt === 'string' ? parsed.data.deletedAt : now.toISOString()
    payload = { ...tombstoneOf(parsed.data as RecordBase, deletedAt) }
  } else {
    const parsed = spec.schema.safeParse(stamped)
    if (!parsed.success) return { reason: invalidReason(parsed.error.issues) }
    payload = parsed.data
  }
  delete payload.rev
  return {
    mutation,
    key: keyOf(mutation.table, String(payload.id)),
    payload,
    deletedAt: deleting ? String(payload.deletedAt) : null,
    recordDate: spec.dateOf(payload),
    visibility: spec.visibility,
  }
}

function invalidReason(issues: ReadonlyArray<{ path: PropertyKey[] }>): string {
  const paths = [...new Set(issues.map((issue) => issue.path.map(String).join('.') || '(record)'))].slice(0, 5)
  return `invalid_record: ${paths.join(', ')}`
}

async function readCurrent(tx: Queryable, structureId: string, candidates: Accepted[]): Promise<Map<string, StoredVersion>> {
  const current = new Map<string, StoredVersion>()
  if (candidates.length === 0) return current
  // The structure row first: writers of one structure queue here, before any record row is
  // locked, so two pushes touching the same records in different orders cannot deadlock.
  // NO KEY UPDATE: the lock the version UPDATE below takes anyway; inserts referencing the
  // structure (users, devices) are not blocked by it.
  await tx.query('SELECT 1 FROM structures WHERE id = $1 FOR NO KEY UPDATE', [structureId])
  // One indexed lookup per table (a batch holds one or two): `id = ANY(…)` on the primary key
  // stays an index scan whatever the table's statistics say, even on a young table.
  const idsByTable = new Map<string, string[]>()
  for (const candidate of candidates) {
    const ids = idsByTable.get(candidate.mutation.table) ?? []
    ids.push(String(candidate.payload.id))
    idsByTable.set(candidate.mutation.table, ids)
  }
  const rows: Array<StoredVersion & { table_name: string; id: string }> = []
  for (const [table, ids] of idsByTable) {
    const result = await tx.query<StoredVersion & { table_name: string; id: string }>(
      `SELECT r.table_name, r.id, r.author_id, r.rev, r.payload, r.updated_at, r.deleted_at, r.schema_version,
              r.record_date::text AS record_date, r.visibility
         FROM records r
        WHERE r.structure_id = $1 AND r.table_name = $2 AND r.id = ANY($3::text[])
          FOR UPDATE OF r`,
      [structureId, table, ids],
    )
    rows.push(...result.rows)
  }
  for (const row of rows) current.set(keyOf(row.table_name, row.id), row)
  return current
}

async function applyAccepted(
  tx: Queryable,
  device: DeviceContext,
  accepted: Accepted[],
  current: Map<string, StoredVersion>,
  now: Date,
): Promise<void> {
  const bumped = await tx.query<{ version: number }>('UPDATE structures SET version = version + $2 WHERE id = $1 RETURNING version', [
    device.structureId,
    accepted.length,
  ])
  const top = bumped.rows[0]?.version
  if (top === undefined) throw new Error(`structure ${device.structureId} of an authenticated device is missing`)
  const firstRev = top - accepted.length + 1

  const history: unknown[] = []
  const latest = new Map<string, Record<string, unknown>>()
  const dayChanges: DayChange[] = []
  const stamp = now.toISOString()
  accepted.forEach((item, index) => {
    const rev = firstRev + index
    const previous = current.get(item.key)
    // Out of the replaced version's day (and author), into the new one's.
    if (previous && previous.deleted_at === null) dayChanges.push({ table: item.mutation.table, authorId: previous.author_id, before: previous.payload, after: null })
    if (item.deletedAt === null) dayChanges.push({ table: item.mutation.table, authorId: device.userId, before: null, after: item.payload })
    if (previous) {
      history.push({
        table_name: item.mutation.table,
        record_id: item.payload.id,
        author_id: previous.author_id,
        rev: previous.rev,
        payload: previous.payload,
        updated_at: previous.updated_at,
        deleted_at: previous.deleted_at,
        schema_version: previous.schema_version,
        record_date: previous.record_date,
        visibility: previous.visibility,
        replaced_by_rev: rev,
        replaced_by_mutation_id: item.mutation.id,
      })
    }
    const row = {
      table_name: item.mutation.table,
      id: item.payload.id,
      author_id: device.userId,
      rev,
      payload: item.payload,
      updated_at: stamp,
      deleted_at: item.deletedAt,
      schema_version: item.mutation.schemaVersion,
      record_date: item.recordDate,
      visibility: item.visibility,
      mutation_id: item.mutation.id,
    }
    // A later mutation of the same record in this batch replaces this version in turn.
    current.set(item.key, { ...row, author_id: device.userId })
    latest.set(item.key, row)
  })

  if (history.length > 0) {
    await tx.query(
      `INSERT INTO record_history (structure_id, table_name, record_id, author_id, rev, payload, updated_at, deleted_at,
                                   schema_version, record_date, visibility, replaced_by_rev, replaced_by_device_id,
                                   replaced_by_mutation_id, replaced_at)
       SELECT $1, h.table_name, h.record_id, h.author_id, h.rev, h.payload, h.updated_at, h.deleted_at,
              h.schema_version, h.record_date, h.visibility, h.replaced_by_rev, $2, h.replaced_by_mutation_id, $4
         FROM jsonb_to_recordset($3::jsonb) AS h(table_name text, record_id text, author_id text, rev bigint, payload jsonb,
              updated_at timestamptz, deleted_at timestamptz, schema_version integer, record_date date, visibility text,
              replaced_by_rev bigint, replaced_by_mutation_id bigint)`,
      [device.structureId, device.deviceId, JSON.stringify(history), now],
    )
  }
  await tx.query(
    `INSERT INTO records (structure_id, table_name, id, author_id, rev, payload, updated_at, deleted_at, schema_version,
                          record_date, visibility, device_id, mutation_id)
     SELECT $1, r.table_name, r.id, r.author_id, r.rev, r.payload, r.updated_at, r.deleted_at, r.schema_version,
            r.record_date, r.visibility, $2, r.mutation_id
       FROM jsonb_to_recordset($3::jsonb) AS r(table_name text, id text, author_id text, rev bigint, payload jsonb,
            updated_at timestamptz, deleted_at timestamptz, schema_version integer, record_date date, visibility text,
            mutation_id bigint)
     ON CONFLICT (structure_id, table_name, id) DO UPDATE SET
       author_id = excluded.author_id, rev = excluded.rev, payload = excluded.payload, updated_at = excluded.updated_at,
       deleted_at = excluded.deleted_at, schema_version = excluded.schema_version, record_date = excluded.record_date,
       visibility = excluded.visibility, device_id = excluded.device_id, mutation_id = excluded.mutation_id`,
    [device.structureId, device.deviceId, JSON.stringify([...latest.values()])],
  )
  // The structure's per-day statistics follow, in the same transaction.
  await applyDayChanges(tx, device.structureId, dayChanges)
}

/** A record the server writes itself (the places import, services/places.ts). */
export interface ServerWrite {
  table: string
  /** The record without its rev; a tombstone when `deletedAt` is set. */
  payload: Record<string, unknown>
  deletedAt: string | null
}

/**
 * Writes records on the server's own account through the same path as a push: change numbers
 * taken under the structure row lock, replaced versions kept in record_history, one upsert.
 * Call inside a transaction. The rows carry no device and no mutation id.
 */
export async function writeServerRecords(tx: Queryable, structureId: string, authorId: string, writes: readonly ServerWrite[], now: Date): Promise<void> {
  if (writes.length === 0) return
  const accepted: Accepted[] = writes.map((write) => {
    const spec = tableSpec(write.table)
    if (!spec) throw new Error(`writeServerRecords: unknown table ${write.table}`)
    const mutation = { id: null, table: write.table, op: write.deletedAt ? 'delete' : 'put', schemaVersion: MAX_CLIENT_SCHEMA_VERSION, record: write.payload }
    return {
      mutation: mutation as unknown as Mutation,
      key: keyOf(write.table, String(write.payload.id)),
      payload: write.payload,
      deletedAt: write.deletedAt,
      recordDate: spec.dateOf(write.payload),
      visibility: spec.visibility,
    }
  })
  const current = await readCurrent(tx, structureId, accepted)
  const writer = { structureId, deviceId: null, userId: authorId, role: 'coordinator', lastMutationId: 0 } as unknown as DeviceContext
  await applyAccepted(tx, writer, accepted, current, now)
}

async function recordRejections(tx: Queryable, device: DeviceContext, pending: Mutation[], rejected: Rejection[], now: Date): Promise<void> {
  const byId = new Map(pending.map((mutation) => [mutation.id, mutation]))
  const rows = rejected.map((rejection) => {
    const mutation = byId.get(rejection.id)!
    return {
      mutation_id: rejection.id,
      table_name: mutation.table,
      record_id: typeof mutation.record.id === 'string' ? mutation.record.id : null,
      op: mutation.op,
      schema_version: mutation.schemaVersion,
      reason: rejection.reason,
      payload: mutation.record,
    }
  })
  await tx.query(
    `INSERT INTO rejected_mutations (structure_id, device_id, mutation_id, table_name, record_id, op, schema_version, reason,
                                     payload, created_at)
     SELECT $1, $2, x.mutation_id, x.table_name, x.record_id, x.op, x.schema_version, x.reason, x.payload, $4
       FROM jsonb_to_recordset($3::jsonb) AS x(mutation_id bigint, table_name text, record_id text, op text,
            schema_version integer, reason text, payload jsonb)
     ON CONFLICT (structure_id, device_id, mutation_id) DO NOTHING`,
    [device.structureId, device.deviceId, JSON.stringify(rows), now],
  )
}
