// The benchmark page: the real repositories and statistics code over the real Dexie database,
// driven from tests/bench/logs.bench.ts through window.bench.
import { db } from '@/db/database'
import { listActivities } from '@/features/journal/activities'
import { statsFromDays } from '@/lib/activityStats'
import { ensureActivityDays, readActivityDays, rebuildActivityDays } from '@/features/journal/days'
import { addDays, addMonths, today } from '@/lib/dates'
import { generator } from '../../unit/accompaniments/generate'
import { anAccompaniment, saveAccompaniment } from '../../unit/accompaniments/builders'

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
  // Seeding bypasses the repositories: count the days once, as after an import.
  await rebuildActivityDays()
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
  save: () => time(() => saveAccompaniment(anAccompaniment({ date: today(), notes: 'Benchmark' }))),
  /** The list's first page as the list screen asks for it (last three months, 50 + 1 rows). */
  list: () => time(() => listActivities({ from: addMonths(today(), -3), to: today(), kind: 'all', theme: null, outcome: null }, 51)),
  /** A year of statistics, as the statistics screen computes them (per-day counters). */
  stats: () =>
    time(async () => {
      const from = addMonths(today(), -12)
      const to = today()
      await ensureActivityDays()
      return statsFromDays(await readActivityDays(from, to), { from, to, granularity: 'month' }).activities
    }),
  /** Recounting every day from the records (after an import, or a counters format change). */
  rebuild: () => time(() => rebuildActivityDays()),
}

declare global {
  interface Window {
    bench: typeof bench
  }
}
window.bench = bench
document.getElementById('status')!.textContent = 'ready'
