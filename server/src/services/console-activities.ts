// Reads a structure's activities (accompaniments and workshops) for a period, with the console's
// filters, a page at a time: keyset pages over (record_date, id) on each table, merged by date,
// so a structure with 100,000 records never has more than two pages in memory. The report and
// every export read through here.
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { ACTIVITY_KINDS, THEMES, type ActivityKind } from '../../../src/schemas/lists.ts'
import type { Activity } from '../../../src/lib/activityExport.ts'
import { ApiError } from './errors.ts'
import { CONSOLE_MESSAGES as M } from './console-messages.ts'

const TABLE_OF: Record<ActivityKind, 'accompaniments' | 'workshops'> = { individuel: 'accompaniments', collectif: 'workshops' }
/** Longest period a report or export covers. */
export const MAX_PERIOD_DAYS = 5 * 366

export const activityQuerySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  person: z.string().min(1).max(64).optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  theme: z.enum(THEMES).optional(),
  place: z.string().trim().min(1).max(200).optional(),
})
export type ActivityQuery = z.infer<typeof activityQuerySchema>

export function parseActivityQuery(raw: unknown): ActivityQuery {
  const cleaned = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined))
  const parsed = activityQuerySchema.safeParse(cleaned)
  if (!parsed.success) throw new ApiError(400, 'invalid_period', M.invalidPeriod)
  const { from, to } = parsed.data
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000
  if (days < 0 || days > MAX_PERIOD_DAYS) throw new ApiError(400, 'invalid_period', M.invalidPeriod)
  return parsed.data
}

/** The place a filter names: the place's name, or its commune when it has none. */
export const PLACE_LABEL_SQL = "coalesce(nullif(payload->>'placeName', ''), payload->>'placeCommune')"

/**
 * What the statistics read of a record (src/lib/activityStats.ts, `contribution`): the report
 * fetches these fields only, as one JSON array per row (half the cost of an object with its
 * keys repeated), and `statsRecord` puts them back where `contribution` reads them. The
 * shared-statistics test compares the result with the tablet's, from the full records.
 */
const STATS_PAYLOAD_SQL = `jsonb_build_array(
  payload->'kind', payload->'status', payload->'themes', payload->'adminThemes', payload->'durationMinutes',
  payload->'outcome', payload->'referral'->'oriented', payload->'referral'->'structureType',
  payload->'profile'->'ageBracket', payload->'participants')::text`

type StatsFields = [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown]

function statsRecord(row: ScanRow): Activity {
  const [kind, status, themes, adminThemes, durationMinutes, outcome, oriented, structureType, ageBracket, participants] = JSON.parse(row.payload) as StatsFields
  return {
    id: row.id,
    date: row.record_date,
    deletedAt: null,
    kind,
    status,
    themes: themes ?? [],
    adminThemes: adminThemes ?? [],
    durationMinutes,
    outcome,
    referral: { oriented: oriented ?? null, structureType: structureType ?? null },
    profile: { ageBracket: ageBracket ?? null },
    participants,
  } as unknown as Activity
}

export interface ScannedActivity {
  authorId: string
  record: Activity
}

/** Rows per page: with one page read ahead, at most two pages per table are in memory. */
export const SCAN_PAGE_SIZE = 5000

interface ScanRow {
  id: string
  author_id: string
  record_date: string
  payload: string
}

/** The period cut into windows of this many days, read one after the other. */
export const SCAN_WINDOW_DAYS = 7

const addDaysIso = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * One table's matching records, oldest first, a page at a time. The period is read a week at a
 * time (the database reads a week's rows where they lie and sorts them, instead of walking the
 * whole year in index order across the table), each week in keyset pages of at most
 * `pageSize` rows over (record_date, id), one page read ahead.
 */
async function* scanTable(db: Queryable, structureId: string, kind: ActivityKind, query: ActivityQuery, fields: 'stats' | 'full', pageSize: number): AsyncGenerator<ScannedActivity[]> {
  const params: unknown[] = [structureId, TABLE_OF[kind]]
  const where = ['structure_id = $1', 'table_name = $2', 'deleted_at IS NULL', 'record_date BETWEEN $3::date AND $4::date']
  const filters: unknown[] = []
  if (query.person) {
    filters.push(query.person)
    where.push(`author_id = $${4 + filters.length}`)
  }
  if (query.theme) {
    filters.push(query.theme)
    where.push(`payload->'themes' ? $${4 + filters.length}`)
  }
  if (query.place) {
    filters.push(query.place)
    where.push(`${PLACE_LABEL_SQL} = $${4 + filters.length}`)
  }
  const base = 4 + filters.length
  interface Cursor {
    from: string
    to: string
    after: { date: string; id: string } | null
  }
  const windowAt = (from: string): Cursor | null => {
    if (from > query.to) return null
    const to = addDaysIso(from, SCAN_WINDOW_DAYS - 1)
    return { from, to: to < query.to ? to : query.to, after: null }
  }
  const page = (cursor: Cursor) => {
    const keyset: string = cursor.after ? `AND (record_date, id) > ($${base + 1}::date, $${base + 2})` : ''
    const pageParams: unknown[] = [...params, cursor.from, cursor.to, ...filters, ...(cursor.after ? [cursor.after.date, cursor.after.id] : []), pageSize]
    const request = db.query<ScanRow>(
      `SELECT id, author_id, to_char(record_date, 'YYYY-MM-DD') AS record_date, ${fields === 'stats' ? STATS_PAYLOAD_SQL : 'payload::text'} AS payload
         FROM records
        WHERE ${where.join(' AND ')} ${keyset}
        ORDER BY record_date, id
        LIMIT $${pageParams.length}`,
      pageParams,
    )
    // Awaited on the next turn; a consumer that stops early must not leave it unhandled.
    request.catch(() => undefined)
    return { cursor, request }
  }
  const next = (cursor: Cursor, rows: ScanRow[]): Cursor | null => {
    const last = rows[rows.length - 1]
    if (rows.length === pageSize && last) return { ...cursor, after: { date: last.record_date, id: last.id } }
    return windowAt(addDaysIso(cursor.to, 1))
  }
  const first = windowAt(query.from)
  if (!first) return
  // One page ahead: the database reads the next page while this one is counted or written.
  let pending: ReturnType<typeof page> | null = page(first)
  while (pending) {
    const { cursor, request } = pending
    const result = await request
    const following = next(cursor, result.rows)
    pending = following ? page(following) : null
    if (result.rows.length > 0) yield result.rows.map((row) => ({ authorId: row.author_id, record: fields === 'stats' ? statsRecord(row) : (JSON.parse(row.payload) as Activity) }))
  }
}

async function* flatten(pages: AsyncGenerator<ScannedActivity[]>): AsyncGenerator<ScannedActivity> {
  for await (const page of pages) yield* page
}

const before = (a: ScannedActivity, b: ScannedActivity) => (a.record.date === b.record.date ? a.record.id < b.record.id : a.record.date < b.record.date)

/**
 * Every matching activity of the period, both kinds merged by (date, id) as the tablet's export
 * orders them. Workshops not held yet are left out (they are neither counted nor exported).
 */
export async function* scanActivities(
  db: Queryable,
  structureId: string,
  query: ActivityQuery,
  fields: 'stats' | 'full' = 'full',
  pageSize: number = SCAN_PAGE_SIZE,
): AsyncGenerator<ScannedActivity> {
  const kinds = query.kind ? [query.kind] : ACTIVITY_KINDS
  const streams = kinds.map((kind) => flatten(scanTable(db, structureId, kind, query, fields, pageSize)))
  const heads = await Promise.all(streams.map((s) => s.next()))
  for (;;) {
    let pick = -1
    heads.forEach((head, i) => {
      if (head.done) return
      const current = pick >= 0 ? heads[pick] : undefined
      if (pick < 0 || (current && !current.done && before(head.value, current.value))) pick = i
    })
    if (pick < 0) return
    const head = heads[pick]!
    if (head.done) return
    const { value } = head
    heads[pick] = await streams[pick]!.next()
    if (value.record.kind === 'collectif' && value.record.status !== 'held') continue
    yield value
  }
}
