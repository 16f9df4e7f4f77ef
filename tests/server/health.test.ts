import { readFile } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/src/app.ts'
import type { Database } from '../../server/src/db/database.ts'
import { loadMigrations } from '../../server/src/db/migrate.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8')
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null || !('version' in parsed) || typeof parsed.version !== 'string') {
    throw new Error('package.json has no version')
  }
  return parsed.version
}

describe.each(databaseTargets)('GET /api/health on $kind', (target) => {
  let database: TestDatabase
  let db: Database
  let app: FastifyInstance
  let logs: Array<Record<string, unknown>>

  const logStream = { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }

  beforeAll(async () => {
    database = await target.create()
    db = (await database.open()).db
  })
  afterAll(async () => {
    await database.destroy()
  })
  beforeEach(async () => {
    logs = []
    app = await buildApp({ db, logStream })
  })
  afterEach(async () => {
    await app.close()
  })

  it('reports the database kind, the schema version and the release', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ok',
      database: target.kind,
      schemaVersion: (await loadMigrations()).length,
      version: await packageVersion(),
    })
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('answers 503 with the database kind when the database fails', async () => {
    const failing = await target.create()
    try {
      const { db: lost } = await failing.open()
      const failingApp = await buildApp({ db: lost, logStream })
      // Closed under the running app: every query now fails, as with a database gone away.
      await lost.close()
      const response = await failingApp.inject({ method: 'GET', url: '/api/health' })
      await failingApp.close()
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({ status: 'error', database: target.kind })
      expect(logs).toContainEqual(expect.objectContaining({ level: 50, msg: 'Health check: the database query failed' }))
    } finally {
      await failing.destroy()
    }
  })

  it('logs one line per request with method, url and status', async () => {
    await app.inject({ method: 'GET', url: '/api/health?probe=1' })
    const requestLines = logs.filter((line) => typeof line.reqId === 'string')
    expect(requestLines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { method: 'GET', url: '/api/health?probe=1' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ])
  })
})
