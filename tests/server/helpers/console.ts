// Console test helpers: a server with an injectable clock and sign-in guard, a structure whose
// coordinator has set a password, sessions as cookies, and records written straight into the
// records table (as a push would leave them) for the report and export tests.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp, type AppOptions } from '../../../server/src/app.ts'
import type { Database } from '../../../server/src/db/database.ts'
import { createStructure } from '../../../server/src/services/admin.ts'
import { CONSOLE_HEADER, SESSION_COOKIE } from '../../../server/src/auth/sessions.ts'
import { SYNC_TABLES } from '../../../server/src/services/sync-tables.ts'
import type { TestDatabase } from './databases.ts'

export const PASSWORD = 'cheval-batterie-agrafe'

export interface ConsoleServer {
  db: Database
  app: FastifyInstance
  logs: string[]
  /** The clock the console uses; tests move it. */
  clock: { now: number }
}

export async function startConsoleServer(database: TestDatabase, options: AppOptions['console'] = {}): Promise<ConsoleServer> {
  const { db } = await database.open()
  const logs: string[] = []
  const clock = { now: Date.now() }
  const app = await buildApp({ db, logLevel: 'trace', logStream: { write: (line) => void logs.push(line) }, console: { now: () => new Date(clock.now), ...options } })
  return { db, app, logs, clock }
}

export function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`)
  return cookie.value
}

export interface ConsoleStructure {
  structureId: string
  coordinatorId: string
  email: string
  /** The coordinator's session cookie value. */
  cookie: string
}

/** A structure made by the CLI's service, its coordinator signed in through the first visit. */
export async function signedInStructure(server: ConsoleServer, name = 'Médiathèque d’Aubenas', email = `coord.${Math.random().toString(36).slice(2, 8)}@example.org`): Promise<ConsoleStructure> {
  const created = await createStructure(server.db, { name, coordinatorEmail: email }, new Date(server.clock.now))
  const response = await call(server, 'POST', '/api/console/activate', { body: { code: created.code, email, password: PASSWORD } })
  if (response.statusCode !== 200) throw new Error(`activation failed: ${response.body}`)
  return { structureId: created.structureId, coordinatorId: created.userId, email, cookie: cookieOf(response) }
}

export function call(
  server: ConsoleServer,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: { cookie?: string; body?: unknown; header?: boolean } = {},
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method,
    url,
    headers: {
      ...(options.header === false ? {} : { [CONSOLE_HEADER]: '1' }),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.cookie ? { cookies: { [SESSION_COOKIE]: options.cookie } } : {}),
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  })
}

/** Writes records as an accepted push would: validated payload, date, author, change number. */
export async function insertRecords(db: Database, structureId: string, authorId: string, records: Array<Record<string, unknown> & { id: string; kind: string }>): Promise<void> {
  const { rows } = await db.query<{ version: number }>('UPDATE structures SET version = version + $2 WHERE id = $1 RETURNING version', [structureId, records.length])
  let rev = (rows[0]?.version ?? records.length) - records.length
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500)
    const values: unknown[] = []
    const tuples = chunk.map((record) => {
      const table = record.kind === 'individuel' ? 'accompaniments' : 'workshops'
      const spec = SYNC_TABLES[table]!
      rev++
      const payload = { ...record, structureId, authorId, rev }
      values.push(structureId, table, record.id, authorId, rev, JSON.stringify(payload), spec.dateOf(payload), spec.visibility, record.deletedAt ?? null)
      const n = values.length
      return `($${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}::date, $${n - 1}, $${n}::timestamptz)`
    })
    await db.query(
      `INSERT INTO records (structure_id, table_name, id, author_id, rev, payload, record_date, visibility, deleted_at) VALUES ${tuples.join(', ')}`,
      values,
    )
  }
  // Written around the push, as an import would: the per-day counters are rebuilt before the next report.
  await db.query('DELETE FROM activity_days_state WHERE structure_id = $1', [structureId])
}
