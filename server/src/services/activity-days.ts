// Per-day statistics counters on the server, the same counters as the tablet's (one counting
// implementation: src/lib/activityStats.ts `contribution`), by structure, author, day and kind.
//
// Guarantees (tests/server/activity-days.test.ts):
// - The push transaction moves each applied record's contribution from its replaced version to
//   its new one (`applyDayChanges`, under the structure row lock every push takes): the counters
//   never disagree with committed records.
// - Counters built by another version of the counting rules, or never built (a new server, an
//   import that wrote records directly), are rebuilt from the records once, under the same lock,
//   before they are read (`ensureDayCounters`).
// - Retention deletes the days it deletes the records of (services/retention.ts).
import type { Database, Queryable } from '../db/database.ts'
import { addCounts, contribution, COUNTING_RULES_VERSION, type Counts } from '../../../src/lib/activityStats.ts'
import type { Accompaniment } from '../../../src/schemas/accompaniment.ts'
import type { Workshop } from '../../../src/schemas/workshop.ts'

type Activity = Accompaniment | Workshop
const ACTIVITY_TABLES = ['accompaniments', 'workshops']

export interface DayChange {
  table: string
  authorId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

interface DayRow {
  author_id: string
  day: string
  kind: string
  counts: Counts
}

const keyOf = (authorId: string, day: string, kind: string) => `${authorId}\u0000${day}\u0000${kind}`

function addContribution(into: Map<string, DayRow>, authorId: string, record: Record<string, unknown> | null, sign: 1 | -1): void {
  if (!record || typeof record.date !== 'string') return
  const counts = contribution(record as unknown as Activity)
  if (!counts) return
  const kind = String(record.kind)
  const key = keyOf(authorId, record.date, kind)
  const row = into.get(key) ?? { author_id: authorId, day: record.date, kind, counts: {} }
  addCounts(row.counts, counts, sign)
  into.set(key, row)
}

async function built(tx: Queryable, structureId: string): Promise<boolean> {
  const state = await tx.query<{ version: number }>('SELECT version FROM activity_days_state WHERE structure_id = $1', [structureId])
  return state.rows[0]?.version === COUNTING_RULES_VERSION
}

/**
 * Moves the contributions of the records a push applied, in its transaction (the caller holds
 * the structure row lock). Counters not built yet are left alone: their rebuild counts everything.
 */
export async function applyDayChanges(tx: Queryable, structureId: string, changes: readonly DayChange[]): Promise<void> {
  const relevant = changes.filter((c) => ACTIVITY_TABLES.includes(c.table))
  if (relevant.length === 0 || !(await built(tx, structureId))) return
  const deltas = new Map<string, DayRow>()
  for (const change of relevant) {
    addContribution(deltas, change.authorId, change.before, -1)
    addContribution(deltas, change.authorId, change.after, 1)
  }
  const touched = [...deltas.values()].filter((row) => Object.keys(row.counts).length > 0)
  if (touched.length === 0) return
  const existing = await tx.query<DayRow>(
    `SELECT d.author_id, to_char(d.day, 'YYYY-MM-DD') AS day, d.kind, d.counts
       FROM activity_days d
       JOIN jsonb_to_recordset($2::jsonb) AS k(author_id text, day date, kind text)
         ON d.author_id = k.author_id AND d.day = k.day AND d.kind = k.kind
      WHERE d.structure_id = $1`,
    [structureId, JSON.stringify(touched.map(({ author_id, day, kind }) => ({ author_id, day, kind })))],
  )
  const stored = new Map(existing.rows.map((row) => [keyOf(row.author_id, row.day, row.kind), row.counts]))
  const next = touched.map((row) => ({ ...row, counts: addCounts({ ...(stored.get(keyOf(row.author_id, row.day, row.kind)) ?? {}) }, row.counts) }))
  const empty = next.filter((row) => Object.keys(row.counts).length === 0)
  const full = next.filter((row) => Object.keys(row.counts).length > 0)
  if (empty.length > 0) {
    await tx.query(
      `DELETE FROM activity_days d USING jsonb_to_recordset($2::jsonb) AS k(author_id text, day date, kind text)
        WHERE d.structure_id = $1 AND d.author_id = k.author_id AND d.day = k.day AND d.kind = k.kind`,
      [structureId, JSON.stringify(empty.map(({ author_id, day, kind }) => ({ author_id, day, kind })))],
    )
  }
  if (full.length > 0) await upsertDays(tx, structureId, full)
}

async function upsertDays(tx: Queryable, structureId: string, rows: readonly DayRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO activity_days (structure_id, author_id, day, kind, counts)
     SELECT $1, r.author_id, r.day, r.kind, r.counts FROM jsonb_to_recordset($2::jsonb) AS r(author_id text, day date, kind text, counts jsonb)
     ON CONFLICT (structure_id, author_id, day, kind) DO UPDATE SET counts = excluded.counts`,
    [structureId, JSON.stringify(rows)],
  )
}

const REBUILD_PAGE = 5000

/** Builds the structure's counters from its records when they are missing or out of date. */
export async function ensureDayCounters(db: Database, structureId: string): Promise<void> {
  if (await built(db, structureId)) return
  await db.transaction(async (tx) => {
    // The push's lock: no record of this structure changes while its counters are rebuilt.
    await tx.query('SELECT id FROM structures WHERE id = $1 FOR UPDATE', [structureId])
    if (await built(tx, structureId)) return
    await tx.query('DELETE FROM activity_days WHERE structure_id = $1', [structureId])
    const days = new Map<string, DayRow>()
    let after = ''
    for (;;) {
      const page = await tx.query<{ id: string; author_id: string; payload: Record<string, unknown> }>(
        `SELECT id, author_id, payload FROM records
          WHERE structure_id = $1 AND table_name IN ('accompaniments', 'workshops') AND deleted_at IS NULL AND id > $2
          ORDER BY id LIMIT ${REBUILD_PAGE}`,
        [structureId, after],
      )
      for (const row of page.rows) addContribution(days, row.author_id, row.payload, 1)
      if (page.rows.length < REBUILD_PAGE) break
      after = page.rows[page.rows.length - 1]!.id
    }
    const rows = [...days.values()].filter((row) => Object.keys(row.counts).length > 0)
    for (let i = 0; i < rows.length; i += REBUILD_PAGE) await upsertDays(tx, structureId, rows.slice(i, i + REBUILD_PAGE))
    await tx.query(
      `INSERT INTO activity_days_state (structure_id, version) VALUES ($1, $2)
       ON CONFLICT (structure_id) DO UPDATE SET version = excluded.version`,
      [structureId, COUNTING_RULES_VERSION],
    )
  })
}

/** The counters of a period, optionally of one author and one kind. */
export async function readDayCounters(db: Queryable, structureId: string, query: { from: string; to: string; person?: string; kind?: string }): Promise<DayRow[]> {
  const result = await db.query<DayRow>(
    `SELECT author_id, to_char(day, 'YYYY-MM-DD') AS day, kind, counts FROM activity_days
      WHERE structure_id = $1 AND day BETWEEN $2::date AND $3::date
        AND ($4::text IS NULL OR author_id = $4) AND ($5::text IS NULL OR kind = $5)`,
    [structureId, query.from, query.to, query.person ?? null, query.kind ?? null],
  )
  return result.rows
}
