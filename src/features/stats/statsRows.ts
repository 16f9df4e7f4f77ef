// Turns computed statistics into labelled chart rows (pure, labels passed in).
import { ACTIVITY_KINDS, AGE_BRACKETS, OUTCOMES, REFERRAL_TYPES, THEMES, ADMIN_THEMES, type ListName } from '@/schemas/lists'
import type { ActivityStats, DayCounts } from '@/lib/activityStats'

export interface ChartRow {
  key: string
  label: string
  value: number
}

type Label = (list: ListName, id: string) => string

const rows = (ids: readonly string[], list: ListName, counts: Record<string, number>, label: Label): ChartRow[] =>
  ids.map((id) => ({ key: id, label: label(list, id), value: counts[id] ?? 0 }))

export function chartRows(stats: ActivityStats, label: Label, words: { oriented: string; notOriented: string; unanswered: string }) {
  return {
    kinds: ACTIVITY_KINDS.map((k) => ({ key: k, label: label('kinds', k), value: stats.byKind[k].activities })),
    people: ACTIVITY_KINDS.map((k) => ({ key: k, label: label('kinds', k), value: stats.byKind[k].people })),
    minutes: ACTIVITY_KINDS.map((k) => ({ key: k, label: label('kinds', k), value: stats.byKind[k].minutes })),
    themes: rows(THEMES, 'themes', stats.byTheme, label).sort((a, b) => b.value - a.value),
    adminThemes: rows(ADMIN_THEMES, 'adminThemes', stats.byAdminTheme, label).sort((a, b) => b.value - a.value),
    ages: rows(AGE_BRACKETS, 'ageBrackets', stats.byAge, label),
    outcomes: rows(OUTCOMES, 'outcomes', stats.byOutcome, label),
    referral: [
      { key: 'oriented', label: words.oriented, value: stats.referral.oriented },
      { key: 'notOriented', label: words.notOriented, value: stats.referral.notOriented },
      { key: 'unanswered', label: words.unanswered, value: stats.referral.unanswered },
    ],
    referralTypes: rows(REFERRAL_TYPES, 'referralTypes', stats.referral.byType, label),
  }
}

/** Minutes split for the translated « 12 h 05 » display of time spent (`stats.duration`). */
export function hoursAndMinutes(minutes: number): { h: number; m: string } {
  return { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') }
}

/** « janvier 2026 » for 'YYYY-MM', in the interface language (never the raw key). */
export function monthLabel(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`))
}

/** « 5 janv. » for a day, the start of a week in the trend chart. */
export function shortDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))
}

/**
 * The month « Bilan mensuel » opens from a period: the last month of the period with some
 * activity (the current month when it has some), else the period's last month up to today.
 */
export function summaryMonthOf(days: readonly DayCounts[], period: { from: string; to: string }, today: string): string {
  let last: string | undefined
  for (const day of days) {
    if (day.date < period.from || day.date > period.to || day.date > today) continue
    const active = Object.entries(day.counts).some(([key, n]) => key.startsWith('act:') && n > 0)
    if (active && (last === undefined || day.date > last)) last = day.date
  }
  return (last ?? (period.to < today ? period.to : today)).slice(0, 7)
}
