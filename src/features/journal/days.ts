// Per-day statistics counters, kept in step with the activity records so that a year of
// statistics reads ~365 small rows instead of every record (50,000 logs take seconds to read
// from IndexedDB on a modest tablet; their days take milliseconds).
//
// Guarantees:
// - Every local write of a log or workshop (outbox.ts) updates its days in the SAME transaction,
//   through `activityDaysDerivation`: counters never disagree with committed records.
// - Records written by any other path (a sync pull, an import, the benchmark's seeding) must call
//   `applyDayChange` in their own transaction (scope: the record table and 'activityDays'), or
//   call `rebuildActivityDays()` afterwards.
// - `ensureActivityDays()` rebuilds everything once when the counters' format version changes.
import { db } from '@/db/database'
import { readMeta } from '@/features/sync/meta'
import type { Derived } from '@/features/sync/outbox'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'
import { addCounts, contribution, daysOf, type DayCounts, COUNTING_RULES_VERSION } from '@/lib/activityStats'

const TABLE = 'activityDays'
const VERSION_KEY = 'activityDaysVersion'
/** The counting rules' version (src/lib/activityStats.ts): another one rebuilds the counters. */
export const ACTIVITY_DAYS_VERSION = COUNTING_RULES_VERSION

type ActivityRecord = Accompaniment | Workshop
const days = () => db().table<DayCounts, string>(TABLE)

/** Moves a record's contribution from its old version's day to its new version's day. Call inside a transaction. */
export async function applyDayChange(before: ActivityRecord | undefined, after: ActivityRecord | undefined): Promise<void> {
  const changes = new Map<string, { counts: Record<string, number>; sign: 1 | -1 }[]>()
  const push = (r: ActivityRecord | undefined, sign: 1 | -1) => {
    const c = r && contribution(r)
    if (!r || !c) return
    changes.set(r.date, [...(changes.get(r.date) ?? []), { counts: c, sign }])
  }
  push(before, -1)
  push(after, 1)
  for (const [date, list] of changes) {
    const row = (await days().get(date)) ?? { date, counts: {} }
    for (const { counts, sign } of list) addCounts(row.counts, counts, sign)
    if (Object.keys(row.counts).length === 0) await days().delete(date)
    else await days().put(row)
  }
}

export const activityDaysDerivation: Derived<ActivityRecord> = { tables: [TABLE], apply: applyDayChange }

/** The counters of the days of [from, to]. */
export async function readActivityDays(from: string, to: string): Promise<DayCounts[]> {
  return days().where('date').between(from, to, true, true).toArray()
}

/** Recomputes every day from the records (one transaction). */
export async function rebuildActivityDays(): Promise<number> {
  const database = db()
  return database.transaction('rw', [database.table('sessionLogs'), database.table('workshops'), database.table(TABLE), database.meta], async () => {
    const [sessions, workshops] = await Promise.all([database.table<Accompaniment>('sessionLogs').toArray(), database.table<Workshop>('workshops').toArray()])
    const rows = daysOf([...sessions, ...workshops])
    await days().clear()
    await days().bulkPut(rows)
    await database.meta.put({ key: VERSION_KEY, value: ACTIVITY_DAYS_VERSION })
    return rows.length
  })
}

/** Rebuilds the counters if they were made by another version (or never). */
export async function ensureActivityDays(): Promise<void> {
  if ((await readMeta(VERSION_KEY)) === ACTIVITY_DAYS_VERSION) return
  await rebuildActivityDays()
}
