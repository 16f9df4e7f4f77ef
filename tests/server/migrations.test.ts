import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Queryable } from '../../server/src/db/database.ts'
import { loadMigrations, migrate, MIGRATIONS_DIR } from '../../server/src/db/migrate.ts'
import { openDatabase } from '../../server/src/db/open.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-migrations-'))
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql)
  return dir
}

async function tableExists(db: Queryable, table: string): Promise<boolean> {
  const result = await db.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [table])
  return result.rows[0]?.exists ?? false
}

async function appliedVersions(db: Queryable): Promise<number[]> {
  const result = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
  return result.rows.map((row) => row.version)
}

describe('loadMigrations', () => {
  const dirs: string[] = []
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it('reads the real migrations numbered from 001 without gaps', async () => {
    const migrations = await loadMigrations()
    const files = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql'))
    expect(migrations.map((migration) => migration.version)).toEqual(files.map((_, index) => index + 1))
    expect(migrations[0]?.name).toBe('foundation')
  })

  it('refuses a gap in the numbering', async () => {
    const dir = await migrationsDir({ '001_a.sql': 'SELECT 1;', '003_c.sql': 'SELECT 1;' })
    dirs.push(dir)
    await expect(loadMigrations(dir)).rejects.toThrow(/without gaps or duplicates; found 003_c\.sql/)
  })

  it('refuses a duplicate number', async () => {
    const dir = await migrationsDir({ '001_a.sql': 'SELECT 1;', '001_b.sql': 'SELECT 1;' })
    dirs.push(dir)
    await expect(loadMigrations(dir)).rejects.toThrow(/without gaps or duplicates/)
  })

  it('refuses a misnamed file', async () => {
    const dir = await migrationsDir({ '001_a.sql': 'SELECT 1;', '2_add-places.sql': 'SELECT 1;' })
    dirs.push(dir)
    await expect(loadMigrations(dir)).rejects.toThrow(/2_add-places\.sql is misnamed/)
  })

  it('says how to fix a build without its migrations folder', async () => {
    await expect(loadMigrations(join(tmpdir(), 'tandem-no-such-folder'))).rejects.toThrow(/npm run build:server/)
  })
})

describe.each(databaseTargets)('migrations on $kind', (target) => {
  let database: TestDatabase
  const dirs: string[] = []

  beforeEach(async () => {
    database = await target.create()
  })
  afterEach(async () => {
    await database.destroy()
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it('applies every migration once, and nothing again on restart', async () => {
    const migrations = await loadMigrations()
    const first = await database.open()
    expect(first.migrations.applied.map((migration) => migration.version)).toEqual(migrations.map((m) => m.version))
    expect(first.migrations.schemaVersion).toBe(migrations.length)
    const appliedAt = await first.db.query<{ version: number; applied_at: Date }>(
      'SELECT version, applied_at FROM schema_migrations ORDER BY version',
    )
    await first.db.close()

    const second = await database.open()
    expect(second.migrations.applied).toEqual([])
    expect(second.migrations.schemaVersion).toBe(migrations.length)
    expect(second.migrations.warnings).toEqual([])
    const again = await second.db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')
    expect(again.rows).toEqual(appliedAt.rows)
  })

  it('runs each migration in a transaction: a failing one leaves no trace and can be fixed', async () => {
    const first = 'CREATE TABLE first_table (id int);'
    const broken = await migrationsDir({
      '001_first.sql': first,
      '002_second.sql': 'CREATE TABLE second_table (id int); SELECT 1 / 0;',
    })
    const onlyFirst = await migrationsDir({ '001_first.sql': first })
    const fixed = await migrationsDir({ '001_first.sql': first, '002_second.sql': 'CREATE TABLE second_table (id int);' })
    dirs.push(broken, onlyFirst, fixed)

    await expect(database.open({ migrationsDir: broken })).rejects.toThrow(/division by zero/)

    // The failed start closed the database (and released the PGlite lock), so it opens again.
    const inspect = await database.open({ migrationsDir: onlyFirst })
    expect(await appliedVersions(inspect.db)).toEqual([1])
    expect(await tableExists(inspect.db, 'first_table')).toBe(true)
    expect(await tableExists(inspect.db, 'second_table')).toBe(false)
    await inspect.db.close()

    const reopened = await database.open({ migrationsDir: fixed })
    expect(reopened.migrations.applied.map((migration) => migration.version)).toEqual([2])
    expect(await appliedVersions(reopened.db)).toEqual([1, 2])
    expect(await tableExists(reopened.db, 'second_table')).toBe(true)
  })

  it('refuses to start on a schema newer than the server knows', async () => {
    const newer = await migrationsDir({ '001_a.sql': 'SELECT 1;', '002_b.sql': 'SELECT 1;' })
    const older = await migrationsDir({ '001_a.sql': 'SELECT 1;' })
    dirs.push(newer, older)
    const first = await database.open({ migrationsDir: newer })
    await first.db.close()
    await expect(database.open({ migrationsDir: older })).rejects.toThrow(
      /schema is at version 2 \(b\), newer than this server knows \(1\)/,
    )
  })

  it('warns when an applied migration was edited afterwards', async () => {
    const original = await migrationsDir({ '001_a.sql': 'SELECT 1;' })
    const edited = await migrationsDir({ '001_a.sql': '-- a comment fixed later\nSELECT 1;' })
    dirs.push(original, edited)
    const first = await database.open({ migrationsDir: original })
    await first.db.close()
    const second = await database.open({ migrationsDir: edited })
    expect(second.migrations.warnings).toEqual([expect.stringMatching(/Migration 1 \(a\) was edited after it was applied/)])
  })

  it('migrate() on an up-to-date database applies nothing', async () => {
    const { db } = await database.open()
    const report = await migrate(db, await loadMigrations())
    expect(report.applied).toEqual([])
  })
})

// PostgreSQL only: PGlite admits one process per data folder (see lock.test.ts).
describe.each(databaseTargets.filter((target) => target.kind === 'postgresql'))('migrations on $kind, shared', (target) => {
  let database: TestDatabase

  beforeEach(async () => {
    database = await target.create()
  })
  afterEach(async () => {
    await database.destroy()
  })

  it('lets several instances start at once: each migration applies once', async () => {
    const migrations = await loadMigrations()
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => openDatabase(database.options)))
    const instances = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []))
    try {
      expect(attempts.filter((attempt) => attempt.status === 'rejected')).toEqual([])
      const versions = migrations.map((migration) => migration.version)
      // Across all instances, every migration was applied by exactly one of them.
      const applied = instances.flatMap((instance) => instance.migrations.applied.map((m) => m.version))
      expect(applied.sort((a, b) => a - b)).toEqual(versions)
      for (const instance of instances) {
        expect(instance.migrations.schemaVersion).toBe(migrations.length)
        expect(await appliedVersions(instance.db)).toEqual(versions)
      }
    } finally {
      await Promise.all(instances.map((instance) => instance.db.close()))
    }
  })

  it('keeps no state in the data folder', async () => {
    await database.open()
    expect(existsSync(database.options.dataDir)).toBe(false)
  })
})
