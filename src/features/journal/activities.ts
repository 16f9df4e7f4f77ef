// One list of both kinds of activity, newest first, with the list's filters. Pure merging over
// the two repositories' pages.
import type { Outcome, Theme } from '@/schemas/lists'
import type { Accompaniment } from '@/schemas/accompaniment'
import { pageByDate } from '@/features/sync/records'
import type { Workshop } from '@/schemas/workshop'

export type Activity = Accompaniment | Workshop

export interface ActivityFilters {
  from: string
  to: string
  kind: 'all' | 'individuel' | 'collectif'
  theme: Theme | null
  outcome: Outcome | null
}

/** Newest first; ties by id (creation order), newest first too. */
export function byDateDesc(a: Activity, b: Activity): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

export function matches(filters: ActivityFilters, a: Activity): boolean {
  if (filters.kind !== 'all' && a.kind !== filters.kind) return false
  if (filters.theme && !a.themes.includes(filters.theme)) return false
  if (filters.outcome && (a.kind !== 'individuel' || a.outcome !== filters.outcome)) return false
  return true
}

/** The first `limit` activities matching the filters. */
export async function listActivities(filters: ActivityFilters, limit: number): Promise<Activity[]> {
  const wantSessions = filters.kind !== 'collectif'
  const wantWorkshops = filters.kind !== 'individuel' && !filters.outcome
  const [sessions, workshops] = await Promise.all([
    wantSessions ? pageByDate<Accompaniment>('accompaniments', { from: filters.from, to: filters.to, limit, filter: (s) => matches(filters, s) }) : [],
    wantWorkshops ? pageByDate<Workshop>('workshops', { from: filters.from, to: filters.to, limit, filter: (w) => matches(filters, w) }) : [],
  ])
  return [...sessions, ...workshops].sort(byDateDesc).slice(0, limit)
}
