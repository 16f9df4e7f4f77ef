// Follow-ups to do: accompaniments where « La personne souhaite un suivi » was ticked and that no
// later accompaniment (or « Marquer fait ») has closed yet. Read through the accompaniments'
// table by name, like the rest of the journal; ordered by the day agreed, the oldest first.
import type { Accompaniment } from '@/schemas/accompaniment'
import { pageByDate } from '@/features/sync/records'

/** More open follow-ups than anyone keeps; the most recent are listed past it. */
export const MAX_FOLLOW_UPS = 200

export const isOpenFollowUp = (a: Accompaniment): boolean => a.followUp && !a.followUpDoneOn

/** Agreed day first (earliest first), then those without a day, by the accompaniment's date. */
export function byFollowUpDay(a: Accompaniment, b: Accompaniment): number {
  const da = a.followUpDate ?? null
  const db = b.followUpDate ?? null
  if (da !== db) {
    if (da === null) return 1
    if (db === null) return -1
    return da < db ? -1 : 1
  }
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export async function listOpenFollowUps(): Promise<Accompaniment[]> {
  const open = await pageByDate<Accompaniment>('accompaniments', { from: '0000-01-01', to: '9999-12-31', limit: MAX_FOLLOW_UPS, filter: isOpenFollowUp })
  return open.sort(byFollowUpDay)
}
