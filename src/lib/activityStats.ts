// Activity statistics of a period, computed on the device from the logs (no server needed).
// Pure: the same numbers feed the charts, their data tables, the monthly summary and the tests.
//
// Counting rules (where the national report leaves room, Tandem's choice):
// - an accompaniment counts one activity and one person; a held workshop counts one activity
//   and its participant total; planned workshops and deleted records do not count;
// - themes count activities (an activity with three themes counts once in each);
// - age brackets count people: the accompanied person's bracket (unanswered → « Non
//   communiqué »), plus each workshop's breakdown, its unassigned rest as « Non communiqué »;
// - outcome and referral exist for accompaniments only.
import { addDays, isoWeekKey, monthKey, startOfIsoWeek, startOfMonth, addMonths, type IsoDate } from './dates.ts'
import {
  ACTIVITY_KINDS, ADMIN_THEMES, AGE_BRACKETS, OUTCOMES, REFERRAL_TYPES, THEMES,
  type ActivityKind, type AdminTheme, type AgeBracket, type Outcome, type ReferralType, type Theme,
} from '../schemas/lists.ts'
import type { Accompaniment } from '../schemas/accompaniment.ts'
import type { Workshop } from '../schemas/workshop.ts'

export type Granularity = 'week' | 'month'

export interface TrendBucket {
  /** 'YYYY-MM' or 'YYYY-Www'. */
  key: string
  /** First day of the bucket. */
  start: IsoDate
  activities: number
  individuel: number
  collectif: number
  minutes: number
}

export interface ActivityStats {
  from: IsoDate
  to: IsoDate
  activities: number
  people: number
  minutes: number
  byKind: Record<ActivityKind, { activities: number; people: number; minutes: number }>
  byTheme: Record<Theme, number>
  byAdminTheme: Record<AdminTheme, number>
  byAge: Record<AgeBracket, number>
  byOutcome: Record<Outcome, number>
  referral: { oriented: number; notOriented: number; unanswered: number; byType: Record<ReferralType, number> }
  trend: TrendBucket[]
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
}

/**
 * What one record adds to the statistics, as flat counters (`act:individuel`, `th:email`,
 * `age:non_communique`…). Null when it does not count (deleted, or a workshop not held yet).
 * Flat counters add and subtract, so per-day totals can be kept up to date on every write
 * (see days.ts) and a year is read as 365 small rows instead of every record.
 */
export type Counts = Record<string, number>

/**
 * Bump when `contribution` changes what it counts: the per-day counters kept on the devices
 * (src/features/journal/days.ts) and on the server (server/src/services/activity-days.ts) are
 * then rebuilt from the records.
 */
export const COUNTING_RULES_VERSION = 1

export function contribution(record: Accompaniment | Workshop): Counts | null {
  if (record.deletedAt) return null
  const c: Counts = {}
  const add = (key: string, n = 1) => {
    if (n !== 0) c[key] = (c[key] ?? 0) + n
  }
  for (const t of record.themes) add(`th:${t}`)
  for (const t of record.adminThemes) add(`adm:${t}`)
  if (record.kind === 'individuel') {
    add('act:individuel')
    add('ppl:individuel')
    add('min:individuel', record.durationMinutes)
    add(`age:${record.profile.ageBracket ?? 'non_communique'}`)
    add(`out:${record.outcome}`)
    const oriented = record.referral.oriented
    add(oriented === true ? 'ref:oriented' : oriented === false ? 'ref:notOriented' : 'ref:unanswered')
    if (oriented === true && record.referral.structureType) add(`reft:${record.referral.structureType}`)
    return c
  }
  if (record.status !== 'held') return null
  const people = record.participants?.total ?? 0
  add('act:collectif')
  add('ppl:collectif', people)
  add('min:collectif', record.durationMinutes ?? 0)
  let assigned = 0
  for (const [bracket, n] of Object.entries(record.participants?.byAge ?? {})) {
    add(`age:${bracket}`, n ?? 0)
    assigned += n ?? 0
  }
  add('age:non_communique', Math.max(0, people - assigned))
  return c
}

/** Adds (sign 1) or removes (sign -1) counters; counters that reach zero disappear. */
export function addCounts(target: Counts, counts: Counts, sign: 1 | -1 = 1): Counts {
  for (const [key, n] of Object.entries(counts)) {
    const next = (target[key] ?? 0) + sign * n
    if (next === 0) delete target[key]
    else target[key] = next
  }
  return target
}

/** Counters of one calendar day. */
export interface DayCounts {
  date: IsoDate
  counts: Counts
}

/** Statistics of [from, to] from per-day counters (days outside the period are ignored). */
export function statsFromDays(days: readonly DayCounts[], period: { from: IsoDate; to: IsoDate; granularity: Granularity }): ActivityStats {
  const { from, to, granularity } = period
  const total: Counts = {}
  const trend = emptyTrend(from, to, granularity)
  const bucketIndex = new Map(trend.map((b, i) => [b.key, i]))
  for (const day of days) {
    if (day.date < from || day.date > to) continue
    addCounts(total, day.counts)
    const bucket = trend[bucketIndex.get(granularity === 'month' ? monthKey(day.date) : isoWeekKey(day.date)) ?? -1]
    if (bucket) {
      const i = day.counts['act:individuel'] ?? 0
      const c = day.counts['act:collectif'] ?? 0
      bucket.individuel += i
      bucket.collectif += c
      bucket.activities += i + c
      bucket.minutes += (day.counts['min:individuel'] ?? 0) + (day.counts['min:collectif'] ?? 0)
    }
  }
  const read = <K extends string>(prefix: string, keys: readonly K[]) => {
    const out = zeros(keys)
    for (const k of keys) out[k] = total[`${prefix}:${k}`] ?? 0
    return out
  }
  const kind = (k: ActivityKind) => ({ activities: total[`act:${k}`] ?? 0, people: total[`ppl:${k}`] ?? 0, minutes: total[`min:${k}`] ?? 0 })
  const byKind = { individuel: kind('individuel'), collectif: kind('collectif') }
  const kinds = ACTIVITY_KINDS.map((k) => byKind[k])
  return {
    from,
    to,
    activities: kinds.reduce((n, k) => n + k.activities, 0),
    people: kinds.reduce((n, k) => n + k.people, 0),
    minutes: kinds.reduce((n, k) => n + k.minutes, 0),
    byKind,
    byTheme: read('th', THEMES),
    byAdminTheme: read('adm', ADMIN_THEMES),
    byAge: read('age', AGE_BRACKETS),
    byOutcome: read('out', OUTCOMES),
    referral: { oriented: total['ref:oriented'] ?? 0, notOriented: total['ref:notOriented'] ?? 0, unanswered: total['ref:unanswered'] ?? 0, byType: read('reft', REFERRAL_TYPES) },
    trend,
  }
}

/** Per-day counters of a set of records. */
export function daysOf(records: Iterable<Accompaniment | Workshop>): DayCounts[] {
  const byDate = new Map<IsoDate, Counts>()
  for (const r of records) {
    const c = contribution(r)
    if (!c) continue
    const day = byDate.get(r.date) ?? {}
    addCounts(day, c)
    byDate.set(r.date, day)
  }
  return [...byDate].map(([date, counts]) => ({ date, counts }))
}

/** Statistics of [from, to] (inclusive) from the records themselves. */
export function computeStats(
  sessions: readonly Accompaniment[],
  workshops: readonly Workshop[],
  period: { from: IsoDate; to: IsoDate; granularity: Granularity },
): ActivityStats {
  return statsFromDays(daysOf([...sessions, ...workshops]), period)
}

/** One empty bucket per week or month touching the period, in order. */
export function emptyTrend(from: IsoDate, to: IsoDate, granularity: Granularity): TrendBucket[] {
  const buckets: TrendBucket[] = []
  if (from > to) return buckets
  let start = granularity === 'month' ? startOfMonth(from) : startOfIsoWeek(from)
  while (start <= to) {
    buckets.push({ key: granularity === 'month' ? monthKey(start) : isoWeekKey(start), start, activities: 0, individuel: 0, collectif: 0, minutes: 0 })
    start = granularity === 'month' ? addMonths(start, 1) : addDays(start, 7)
  }
  return buckets
}

/** A count's share of a total as a whole percentage (0 when the total is 0). */
export function percent(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100)
}
