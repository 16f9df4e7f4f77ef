// The benchmark page: the real repositories and statistics code over the real Dexie database,
// driven from tests/bench/logs.bench.ts through window.bench.
import { db } from '@/db/database'
import { saveSessionLog } from '@/features/sessions/repo'
import { listActivities } from '@/features/sessions/activities'
import { sessionLogsInPeriod } from '@/features/sessions/repo'
import { workshopsInPeriod } from '@/features/workshops/repo'
import { computeStats } from '@/features/stats/compute'
import { addDays, addMonths, today } from '@/lib/dates'
import { generator } from '../../unit/sessions/generate'
import { aSession } from '../../unit/sessions/builders'

const g = generator(2026)

async function seed(count: number, days: number): Promise<number> {
  const start = addDays(today(), -days + 1)
  const batch = 5000
  for (let done = 0; done < count; done += batch) {
    const sessions = Array.from({ length: Math.min(batch, count - done) }, () => g.session(start, days))
    await db().table('sessionLogs').bulkPut(sessions)
  }
  const workshops = Array.from({ length: Math.round(count / 50) }, () => g.workshop(start, days))
  await db().table('workshops').bulkPut(workshops)
  return db().table('sessionLogs').count()
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await run()
  return performance.now() - t0
}

const bench = {
  seed,
  /** One new log and its outbox entry, committed with strict durability. */
  save: () => time(() => saveSessionLog(aSession({ date: today(), notes: 'Benchmark' }))),
  /** The list's first page as the list screen asks for it (last three months, 50 + 1 rows). */
  list: () => time(() => listActivities({ from: addMonths(today(), -3), to: today(), kind: 'all', theme: null, outcome: null }, 51)),
  /** A year of statistics: read every live record of the year and compute every breakdown. */
  stats: () =>
    time(async () => {
      const from = addMonths(today(), -12)
      const to = today()
      const [s, w] = await Promise.all([sessionLogsInPeriod(from, to), workshopsInPeriod(from, to)])
      return computeStats(s, w, { from, to, granularity: 'month' }).activities
    }),
}

declare global {
  interface Window {
    bench: typeof bench
  }
}
window.bench = bench
document.getElementById('status')!.textContent = 'ready'
