// Entry point: reads the environment, opens the database (migrated), serves the API and the
// built app, and stops cleanly on SIGINT/SIGTERM: in-flight requests finish, the database
// closes and the data folder lock is released. See docs/server.md for the settings.
import type { AddressInfo } from 'node:net'
import { hostname } from 'node:os'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import { readConfig } from './config.ts'
import type { Database } from './db/database.ts'
import { openDatabase } from './db/open.ts'
import { scheduleRetentionPurge } from './services/retention-schedule.ts'
import { schedulePlacesFetch } from './services/places-schedule.ts'

/** Past this, a stuck close (a hung request, an unreachable database) no longer delays exit. */
const SHUTDOWN_TIMEOUT_MS = 10_000

async function start(): Promise<void> {
  const config = readConfig()
  let app: FastifyInstance | undefined
  const { db, migrations } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onIdleError: (error) => app?.log.warn({ err: error }, 'PostgreSQL dropped an idle connection'),
  })

  try {
    app = await buildApp({
      db,
      staticDir: config.staticDir,
      httpsOnly: config.httpsOnly,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
    })
    for (const migration of migrations.applied) {
      app.log.info({ migration: migration.version }, `Applied migration ${migration.version} (${migration.name})`)
    }
    for (const warning of migrations.warnings) app.log.warn(warning)
    // Before listening, so a signal arriving during start still releases the lock.
    stopOnSignals(app, db)
    await app.listen({ port: config.port, host: config.host })
    // At start, then daily; its timer never keeps the process alive.
    scheduleRetentionPurge(db, app.log)
    if (config.placesSourceUrl) schedulePlacesFetch(db, config.placesSourceUrl, app.log)
  } catch (error) {
    // E.g. the port is taken: release the database and its lock before reporting.
    await app?.close()
    await db.close()
    throw error
  }

  const { port } = app.server.address() as AddressInfo
  const url = `http://${browsableHost(config.host)}:${port}`
  app.log.info(
    {
      url,
      database: db.kind,
      schemaVersion: migrations.schemaVersion,
      ...(db.kind === 'pglite' ? { dataDir: config.dataDir } : {}),
      startupMs: Math.round(performance.now()),
    },
    `Tandem is ready at ${url}`,
  )
}

function stopOnSignals(app: FastifyInstance, db: Database): void {
  let stopping = false
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      app.log.warn({ signal }, 'Second signal: exiting without waiting')
      process.exit(1)
    }
    stopping = true
    app.log.info({ signal }, 'Shutting down')
    const deadline = setTimeout(() => {
      app.log.error(`Shutdown took over ${SHUTDOWN_TIMEOUT_MS} ms: exiting anyway`)
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    deadline.unref()

    let exitCode = 0
    try {
      await app.close()
    } catch (error) {
      exitCode = 1
      app.log.error({ err: error }, 'Closing the HTTP server failed')
    }
    try {
      await db.close()
    } catch (error) {
      exitCode = 1
      app.log.error({ err: error }, 'Closing the database failed')
    }
    app.log.info('Stopped')
    process.exit(exitCode)
  }
  process.on('SIGINT', (signal) => void stop(signal))
  process.on('SIGTERM', (signal) => void stop(signal))
}

/** A URL a person can open: a wildcard bind address is reached through localhost. */
function browsableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * A failure before the app's logger exists (bad settings, data folder locked, database
 * unreachable): one line in the same JSON shape as the other logs, then exit 1.
 */
function reportFatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  const line = {
    level: 60,
    time: Date.now(),
    pid: process.pid,
    hostname: hostname(),
    msg: `Tandem could not start: ${message}`,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  }
  // Exit once the line is out, even if a stray handle (a socket, a timer) would keep us alive.
  process.stdout.write(`${JSON.stringify(line)}\n`, () => process.exit(1))
}

start().catch(reportFatal)
