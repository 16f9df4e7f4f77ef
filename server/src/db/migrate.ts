// Schema migrations: numbered SQL files (migrations/NNN_name.sql) applied in order at start.
//
// Guarantees:
// - each migration runs in its own transaction together with the row recording it in
//   schema_migrations: it is applied entirely and exactly once, or not at all;
// - on PostgreSQL, every migration transaction first takes a transaction-level advisory lock,
//   so server instances starting at the same time apply each migration once and the others
//   wait, then find it recorded (PGlite needs none: the DATA_DIR lock admits one process);
// - a database already migrated past what this server knows (a newer release ran) makes the
//   start fail instead of letting old code write to a schema it does not understand.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database, Queryable } from './database.ts'

export interface Migration {
  version: number
  name: string
  sql: string
  /** sha256 of the file, to warn when an already applied migration was edited afterwards. */
  checksum: string
}

export interface MigrationReport {
  applied: Migration[]
  schemaVersion: number
  /** Problems worth a warning in the log that do not stop the start. */
  warnings: string[]
}

/**
 * Beside this module in the source tree; `npm run build:server` copies the .sql files to the
 * same place under dist-server/, so the built server finds them the same way.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  let files: string[]
  try {
    files = await readdir(dir)
  } catch (error) {
    throw new Error(
      `No migrations folder at ${dir}. A built server needs the .sql files beside its code: ` +
        'build it with "npm run build:server", which copies them.',
      { cause: error },
    )
  }

  const migrations: Migration[] = []
  for (const file of files.filter((name) => name.endsWith('.sql')).sort()) {
    const match = FILE_PATTERN.exec(file)
    if (!match?.[1] || !match[2]) {
      throw new Error(`Migration file ${join(dir, file)} is misnamed: expected NNN_name.sql (e.g. 002_add_places.sql).`)
    }
    const sql = await readFile(join(dir, file), 'utf8')
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    })
  }

  if (migrations.length === 0) throw new Error(`No migration files in ${dir}.`)
  // Numbers must run 1, 2, 3… : a gap or a duplicate is almost always a merge mistake.
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations in ${dir} must be numbered 001, 002, … without gaps or duplicates; ` +
          `found ${String(migration.version).padStart(3, '0')}_${migration.name}.sql at position ${index + 1}.`,
      )
    }
  })
  return migrations
}

interface AppliedRow {
  version: number
  name: string
  checksum: string
}

export async function migrate(db: Database, migrations: Migration[]): Promise<MigrationReport> {
  const known = new Map(migrations.map((migration) => [migration.version, migration]))
  const latestKnown = Math.max(0, ...known.keys())
  const applied: Migration[] = []
  let warnings: string[] | undefined

  // One transaction per migration; each round re-reads what is applied under the lock, since
  // another instance may have applied migrations while this one waited.
  for (;;) {
    const next = await db.transaction(async (tx) => {
      if (db.kind === 'postgresql') await lockMigrations(tx)
      const rows = await readApplied(tx)
      warnings ??= checkApplied(rows, known, latestKnown)
      const done = new Set(rows.map((row) => row.version))
      const pending = migrations.find((migration) => !done.has(migration.version))
      if (!pending) return undefined
      await tx.exec(pending.sql)
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        pending.version,
        pending.name,
        pending.checksum,
      ])
      return pending
    })
    if (!next) break
    applied.push(next)
  }

  return { applied, schemaVersion: await schemaVersion(db), warnings: warnings ?? [] }
}

/** The number of the latest applied migration (0 for an empty database). */
export async function schemaVersion(db: Queryable): Promise<number> {
  const result = await db.query<{ version: number }>(
    'SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations',
  )
  return result.rows[0]?.version ?? 0
}

async function lockMigrations(tx: Queryable): Promise<void> {
  // Keyed by schema, so separate Tandem schemas in one database (tests) do not wait on each other.
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('tandem:migrations:' || current_schema(), 0))")
}

async function readApplied(tx: Queryable): Promise<AppliedRow[]> {
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      checksum   text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )
  `)
  const result = await tx.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
  return result.rows
}

/** Throws when the database is ahead of this server; returns warnings otherwise. */
function checkApplied(rows: AppliedRow[], known: Map<number, Migration>, latestKnown: number): string[] {
  const newest = rows.at(-1)
  if (newest && newest.version > latestKnown) {
    throw new Error(
      `The database schema is at version ${newest.version} (${newest.name}), newer than this server ` +
        `knows (${latestKnown}). Run the release that migrated it, or a newer one.`,
    )
  }
  // Editing an applied migration changes nothing in databases that already ran it: the change
  // belongs in a new migration. Warn rather than refuse, so a fix to a comment can still ship.
  return rows
    .filter((row) => {
      const migration = known.get(row.version)
      return migration !== undefined && migration.checksum !== row.checksum
    })
    .map(
      (row) =>
        `Migration ${row.version} (${row.name}) was edited after it was applied: ` +
        'put schema changes in a new migration instead.',
    )
}
