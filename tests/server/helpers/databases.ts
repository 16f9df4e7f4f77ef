// The databases every server test runs against: PGlite always, PostgreSQL too when
// TEST_DATABASE_URL is set. Each test gets its own empty (not yet migrated) database: a copy of
// the run's PGlite template folder, or a fresh schema reached through search_path.
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import type { Database, DatabaseKind } from '../../../server/src/db/database.ts'
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from '../../../server/src/db/open.ts'
import { pgliteDir } from '../../../server/src/db/pglite.ts'

export interface TestDatabase {
  kind: DatabaseKind
  /** What openDatabase needs to reach this database (PGlite: its DATA_DIR). */
  options: OpenDatabaseOptions
  /** Opens (and migrates) it; every handle opened here is closed by destroy(). */
  open(extra?: Partial<OpenDatabaseOptions>): Promise<OpenedDatabase>
  /** Closes what is still open and deletes the database. */
  destroy(): Promise<void>
}

export interface DatabaseTarget {
  kind: DatabaseKind
  create(): Promise<TestDatabase>
}

const pgliteTarget: DatabaseTarget = {
  kind: 'pglite',
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-test-data-'))
    await cp(inject('pgliteTemplateDir'), pgliteDir(dataDir), { recursive: true })
    return tracked('pglite', { dataDir }, () => rm(dataDir, { recursive: true, force: true }))
  },
}

function postgresTarget(adminUrl: string): DatabaseTarget {
  return {
    kind: 'postgresql',
    async create() {
      const schema = `tandem_test_${randomBytes(6).toString('hex')}`
      await withClient(adminUrl, (client) => client.query(`CREATE SCHEMA ${schema}`))
      const url = new URL(adminUrl)
      url.searchParams.set('options', `-c search_path=${schema}`)
      // The data folder is unused with PostgreSQL; a path that does not exist proves it.
      const options = { databaseUrl: url.toString(), dataDir: join(tmpdir(), `${schema}-unused`) }
      return tracked('postgresql', options, () =>
        withClient(adminUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)),
      )
    },
  }
}

function tracked(kind: DatabaseKind, options: OpenDatabaseOptions, remove: () => Promise<unknown>): TestDatabase {
  const opened: Database[] = []
  return {
    kind,
    options,
    async open(extra = {}) {
      const result = await openDatabase({ ...options, ...extra })
      opened.push(result.db)
      return result
    },
    async destroy() {
      await Promise.all(opened.map((db) => db.close()))
      await remove()
    },
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined

export const databaseTargets: DatabaseTarget[] = [
  pgliteTarget,
  ...(TEST_DATABASE_URL ? [postgresTarget(TEST_DATABASE_URL)] : []),
]
