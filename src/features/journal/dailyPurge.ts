// Retention on a device linked to a structure: what is dated before the structure's retention
// period is removed once a day, at start and while the app stays open, and again as soon as the
// structure changes its period (the device learns it at its next sync). The server does the
// same on its side (server/src/services/retention.ts): one setting, both places.
import { today, type IsoDate } from '@/lib/dates'
import { readMeta, writeMeta } from '@/features/sync/meta'
import { readEnrolment } from '@/features/sync/repo'
import { purgePastRetention, type RetentionCounts } from './purge'
import { retentionCutoff } from './retention'

const LAST_PURGE_KEY = 'retentionPurge'
/** How often the schedule looks whether a purge is due (it purges at most once a day per period). */
export const PURGE_CHECK_MS = 60 * 60 * 1000

/**
 * Purges when this device is enrolled and has not purged today with the current period.
 * Returns what was removed, or null when nothing was due.
 */
export async function purgeIfDue(day: IsoDate = today()): Promise<RetentionCounts | null> {
  const enrolment = await readEnrolment()
  if (!enrolment) return null
  const stamp = `${day}/${enrolment.retentionMonths}`
  if ((await readMeta(LAST_PURGE_KEY)) === stamp) return null
  const counts = await purgePastRetention(retentionCutoff(day, enrolment.retentionMonths))
  await writeMeta(LAST_PURGE_KEY, stamp)
  return counts
}

/** Runs purgeIfDue now and then every hour; returns the function that stops it. */
export function scheduleDailyPurge(checkEveryMs: number = PURGE_CHECK_MS): () => void {
  const run = () => void purgeIfDue().catch(() => undefined)
  run()
  const timer = setInterval(run, checkEveryMs)
  return () => clearInterval(timer)
}
