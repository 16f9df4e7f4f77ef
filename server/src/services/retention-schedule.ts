// Runs the retention purge at start and then once a day, logging what it removed (counts only).
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database.ts'
import { purgeExpired } from './retention.ts'

export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000

export function scheduleRetentionPurge(db: Database, log: FastifyBaseLogger, intervalMs = PURGE_INTERVAL_MS): () => void {
  const run = async () => {
    try {
      const report = await purgeExpired(db)
      log.info({ purge: report }, 'Retention purge done')
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      log.error({ err: { message } }, 'Retention purge failed; it runs again tomorrow')
    }
  }
  void run()
  const timer = setInterval(() => void run(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
