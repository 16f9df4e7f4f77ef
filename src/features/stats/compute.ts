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
import { addDays, isoWeekKey, monthKey, startOfIsoWeek, startOfMonth, addMonths, type IsoDate } from '@/lib/dates'
import {
  ACTIVITY_KINDS, ADMIN_THEMES, AGE_BRACKETS, OUTCOMES, REFERRAL_TYPES, THEMES,
  type ActivityKind, type AdminTheme, type AgeBracket, type Outcome, type ReferralType, type Theme,
} from '@/features/sessions/lists'
import type { SessionLog } from '@/features/sessions/schema'
import type { Workshop } from '@/features/workshops/schema'

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

/** Statistics of [from, to] (inclusive); records outside the period are ignored. */
export function computeStats(
  sessions: readonly SessionLog[],
  workshops: readonly Workshop[],
  period: { from: IsoDate; to: IsoDate; granularity: Granularity },
): ActivityStats {
  const { from, to, granularity } = period
  const byKind = {
    individuel: { activities: 0, people: 0, minutes: 0 },
    collectif: { activities: 0, people: 0, minutes: 0 },
  }
  const byTheme = zeros(THEMES)
  const byAdminTheme = zeros(ADMIN_THEMES)
  const byAge = zeros(AGE_BRACKETS)
  const byOutcome = zeros(OUTCOMES)
  const referral = { oriented: 0, notOriented: 0, unanswered: 0, byType: zeros(REFERRAL_TYPES) }
  const trend = emptyTrend(from, to, granularity)
  const bucketIndex = new Map(trend.map((b, i) => [b.key, i]))
  const bucketOf = (date: IsoDate) => trend[bucketIndex.get(granularity === 'month' ? monthKey(date) : isoWeekKey(date)) ?? -1]
  const inPeriod = (r: { date: string; deletedAt: string | null }) => !r.deletedAt && r.date >= from && r.date <= to

  for (const s of sessions) {
    if (!inPeriod(s)) continue
    byKind.individuel.activities += 1
    byKind.individuel.people += 1
    byKind.individuel.minutes += s.durationMinutes
    for (const t of s.themes) byTheme[t] += 1
    for (const t of s.adminThemes) byAdminTheme[t] += 1
    byAge[s.profile.ageBracket ?? 'non_communique'] += 1
    byOutcome[s.outcome] += 1
    if (s.referral.oriented === true) {
      referral.oriented += 1
      if (s.referral.structureType) referral.byType[s.referral.structureType] += 1
    } else if (s.referral.oriented === false) referral.notOriented += 1
    else referral.unanswered += 1
    const bucket = bucketOf(s.date)
    if (bucket) {
      bucket.activities += 1
      bucket.individuel += 1
      bucket.minutes += s.durationMinutes
    }
  }

  for (const w of workshops) {
    if (!inPeriod(w) || w.status !== 'held') continue
    const people = w.participants?.total ?? 0
    const minutes = w.durationMinutes ?? 0
    byKind.collectif.activities += 1
    byKind.collectif.people += people
    byKind.collectif.minutes += minutes
    for (const t of w.themes) byTheme[t] += 1
    for (const t of w.adminThemes) byAdminTheme[t] += 1
    let assigned = 0
    for (const [bracket, n] of Object.entries(w.participants?.byAge ?? {}) as [AgeBracket, number | undefined][]) {
      byAge[bracket] += n ?? 0
      assigned += n ?? 0
    }
    byAge.non_communique += Math.max(0, people - assigned)
    const bucket = bucketOf(w.date)
    if (bucket) {
      bucket.activities += 1
      bucket.collectif += 1
      bucket.minutes += minutes
    }
  }

  const kinds = ACTIVITY_KINDS.map((k) => byKind[k])
  return {
    from,
    to,
    activities: kinds.reduce((n, k) => n + k.activities, 0),
    people: kinds.reduce((n, k) => n + k.people, 0),
    minutes: kinds.reduce((n, k) => n + k.minutes, 0),
    byKind,
    byTheme,
    byAdminTheme,
    byAge,
    byOutcome,
    referral,
    trend,
  }
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
