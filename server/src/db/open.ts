// Opens the configured database (PostgreSQL when a URL is given, else PGlite in DATA_DIR) and
// brings its schema up to date before anything may use it.
import type { Database } from './database.ts'
import { loadMigrations, migrate, MIGRATIONS_DIR, type MigrationReport } from './migrate.ts'
import { openPglite } from './pglite.ts'
import { openPostgres } from './postgres.ts'

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined
  dataDir: string
  migrationsDir?: string
  onIdleError?: (error: Error) => void
}

export interface OpenedDatabase {
  db: Database
  migrations: MigrationReport
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  // Read the migrations first: a build missing its .sql files fails before touching any data.
  const migrations = await loadMigrations(options.migrationsDir ?? MIGRATIONS_DIR)
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, { onIdleError: options.onIdleError })
    : await openPglite(options.dataDir)
  try {
    return { db, migrations: await migrate(db, migrations) }
  } catch (error) {
    await db.close()
    throw error
  }
}
