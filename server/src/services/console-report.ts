// The structure's activity report for a period and filters, from the server's records, counted
// by the tablet's own code (src/lib/activityStats.ts: one implementation, one set of rules):
// each record's contribution is added into per-day counters (at most one small map per day of
// the period, whatever the number of records), then read as the same ActivityStats the tablet
// shows; plus the same counters per person.
import type { Database } from '../db/database.ts'
import type { Role } from '../../../src/schemas/sync.ts'
import type { ActivityReportAnswer, PersonFigures } from '../../../src/schemas/console.ts'
import { addCounts, contribution, statsFromDays, type ActivityStats, type Counts, type Granularity } from '../../../src/lib/activityStats.ts'
import { PLACE_LABEL_SQL, scanActivities, type ActivityQuery } from './console-activities.ts'
import { ensureDayCounters, readDayCounters } from './activity-days.ts'

export type { PersonFigures } from '../../../src/schemas/console.ts'

/** The report as the console reads it (src/schemas/console.ts), with the server's own query type. */
export type ActivityReport = Omit<ActivityReportAnswer, 'stats' | 'query'> & { stats: ActivityStats; query: ActivityQuery }

const PERSON_KEYS = ['act:individuel', 'act:collectif', 'ppl:individuel', 'ppl:collectif', 'min:individuel', 'min:collectif'] as const

/** Weeks for a period up to about three months, months beyond. */
export function granularityOf(from: string, to: string): Granularity {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000 > 92 ? 'month' : 'week'
}

export async function activityReport(db: Database, structureId: string, query: ActivityQuery): Promise<ActivityReport> {
  // The filters' choices are read while the records are counted (another connection on PostgreSQL).
  const usersRequest = db.query<{ id: string; display_name: string; role: Role }>(
    'SELECT id, display_name, role FROM users WHERE structure_id = $1 ORDER BY lower(display_name), id',
    [structureId],
  )
  const placesRequest = db.query<{ place: string }>(
    `SELECT DISTINCT ${PLACE_LABEL_SQL} AS place FROM records
      WHERE structure_id = $1 AND table_name IN ('accompaniments', 'workshops') AND deleted_at IS NULL
        AND record_date BETWEEN $2::date AND $3::date AND ${PLACE_LABEL_SQL} IS NOT NULL
      ORDER BY 1 LIMIT 200`,
    [structureId, query.from, query.to],
  )
  usersRequest.catch(() => undefined)
  placesRequest.catch(() => undefined)
  const byDay = new Map<string, Counts>()
  const byAuthor = new Map<string, Counts>()
  const add = (authorId: string, date: string, counts: Counts) => {
    addCounts(byDay.get(date) ?? byDay.set(date, {}).get(date)!, counts)
    // By person: only the activity, people and time counters are shown.
    const mine = byAuthor.get(authorId) ?? byAuthor.set(authorId, {}).get(authorId)!
    for (const key of PERSON_KEYS) if (counts[key]) mine[key] = (mine[key] ?? 0) + counts[key]
  }
  if (query.theme === undefined && query.place === undefined) {
    // The period's per-day counters, kept by every push (services/activity-days.ts): a year is a
    // few thousand small rows whatever the number of records. Person and kind are in their key.
    await ensureDayCounters(db, structureId)
    for (const row of await readDayCounters(db, structureId, query)) add(row.author_id, row.day, row.counts)
  } else {
    // A theme or a place is not in the counters' key: count the matching records themselves.
    for await (const { authorId, record } of scanActivities(db, structureId, query, 'stats')) {
      const counts = contribution(record)
      if (counts) add(authorId, record.date, counts)
    }
  }
  const granularity = granularityOf(query.from, query.to)
  const stats = statsFromDays(
    [...byDay].map(([date, counts]) => ({ date, counts })),
    { from: query.from, to: query.to, granularity },
  )

  const users = await usersRequest
  const names = new Map(users.rows.map((u) => [u.id, u]))
  const byPerson = [...byAuthor]
    .map(([userId, c]): PersonFigures => {
      const individuel = c['act:individuel'] ?? 0
      const collectif = c['act:collectif'] ?? 0
      return {
        userId,
        displayName: names.get(userId)?.display_name ?? userId,
        role: names.get(userId)?.role ?? null,
        activities: individuel + collectif,
        individuel,
        collectif,
        people: (c['ppl:individuel'] ?? 0) + (c['ppl:collectif'] ?? 0),
        minutes: (c['min:individuel'] ?? 0) + (c['min:collectif'] ?? 0),
      }
    })
    .sort((a, b) => b.activities - a.activities || a.displayName.localeCompare(b.displayName, 'fr'))

  const places = await placesRequest
  return {
    query,
    granularity,
    stats,
    byPerson,
    filters: {
      people: users.rows.map((u) => ({ userId: u.id, displayName: u.display_name, role: u.role })),
      places: places.rows.map((p) => p.place),
    },
  }
}
