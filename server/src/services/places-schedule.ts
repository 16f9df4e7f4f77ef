// Fetches the national places file (PLACES_SOURCE_URL, off by default) at start and then once
// a day, and imports it for every structure that chose its départements. Logs counts only.
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database.ts'
import { importFromSource } from './places.ts'

export const PLACES_FETCH_INTERVAL_MS = 24 * 60 * 60 * 1000

export interface PlacesScheduleOptions {
  intervalMs?: number
  fetcher?: typeof fetch
  /** Called after each run (tests wait on it). */
  onRun?: (ok: boolean) => void
}

export function schedulePlacesFetch(db: Database, url: string, log: FastifyBaseLogger, options: PlacesScheduleOptions = {}): () => void {
  const run = async () => {
    try {
      const results = await importFromSource(db, url, options.fetcher)
      for (const item of results) {
        if (item.result) {
          const { report, added, updated, unchanged, removed } = item.result
          log.info({ places: { structureId: item.structureId, rowsRead: report.rowsRead, kept: report.kept, rejected: report.rejected.length, added, updated, unchanged, removed } }, 'Places directory refreshed')
        } else log.error({ places: { structureId: item.structureId, error: item.error } }, 'Places import failed for a structure; it runs again tomorrow')
      }
      options.onRun?.(true)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      log.error({ err: { message } }, 'Places source fetch failed; it runs again tomorrow')
      options.onRun?.(false)
    }
  }
  void run()
  const timer = setInterval(() => void run(), options.intervalMs ?? PLACES_FETCH_INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}
