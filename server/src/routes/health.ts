// GET /api/health: liveness and readiness for load balancers, monitoring and the e2e harness.
// It queries the database every time, so a server whose database is gone reports 503.
import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/database.ts'
import { schemaVersion } from '../db/migrate.ts'

export interface HealthOptions {
  db: Database
  version: string
}

export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const { db, version } = options
  app.get('/api/health', async (request, reply) => {
    // Never cached: an intermediary serving a stale "ok" would hide an outage.
    reply.header('cache-control', 'no-store')
    try {
      return { status: 'ok', database: db.kind, schemaVersion: await schemaVersion(db), version }
    } catch (error) {
      request.log.error({ err: error }, 'Health check: the database query failed')
      return reply.code(503).send({ status: 'error', database: db.kind })
    }
  })
}
