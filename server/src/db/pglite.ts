// Embedded PostgreSQL (PGlite) in DATA_DIR/pglite, guarded by the DATA_DIR lock.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { INT8_OID, parseInt8, type Database, type QueryParams, type QueryResult, type Queryable } from './database.ts'
import { acquireDataDirLock } from './lock.ts'

/** Where PGlite keeps its files inside DATA_DIR (the lock file sits beside it, never inside). */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite')
}

export async function openPglite(dataDir: string): Promise<Database> {
  // The lock comes first: opening PGlite on a folder another process uses already corrupts it.
  const lock = await acquireDataDirLock(dataDir)
  let pg: PGlite
  try {
    await mkdir(pgliteDir(dataDir), { recursive: true })
    pg = await PGlite.create(pgliteDir(dataDir), { parsers: { [INT8_OID]: parseInt8 } })
  } catch (error) {
    await lock.release()
    throw error
  }

  let closing: Promise<void> | undefined
  return {
    kind: 'pglite',
    query: (sql, params) => runQuery(pg, sql, params),
    exec: async (sql) => {
      await pg.exec(sql)
    },
    transaction: (fn) => pg.transaction((tx) => fn(wrapTransaction(tx))),
    close() {
      // Idempotent: shutdown paths (signal, failed start, tests) may all call it.
      closing ??= (async () => {
        try {
          if (!pg.closed) await pg.close()
        } finally {
          await lock.release()
        }
      })()
      return closing
    },
  }
}

type PgliteRunner = Pick<PGlite | Transaction, 'query'>

async function runQuery<T>(runner: PgliteRunner, sql: string, params: QueryParams = []): Promise<QueryResult<T>> {
  const result = await runner.query<T>(sql, [...params])
  return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length }
}

function wrapTransaction(tx: Transaction): Queryable {
  return {
    query: (sql, params) => runQuery(tx, sql, params),
    exec: async (sql) => {
      await tx.exec(sql)
    },
  }
}
