// A PostgreSQL server through a `pg` connection pool (DATABASE_URL). The server keeps no state
// of its own, so several instances can share one database.
import pg from 'pg'
import { INT8_OID, parseInt8, type Database, type QueryParams, type QueryResult, type Queryable } from './database.ts'

// A private type registry: changing pg's global parsers would affect every pool in the process.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseInt8
    return pg.types.getTypeParser(oid, format)
  },
}

export interface PostgresOptions {
  /** Told when an idle pooled connection drops (e.g. PostgreSQL restarted); log it. */
  onIdleError?: (error: Error) => void
  /** Connections kept per server instance; PostgreSQL's own limit is shared by all instances. */
  maxConnections?: number
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, types })
  // An idle client losing its connection (database restart) emits 'error' on the pool; without
  // a listener that would crash the process. The next query simply opens a new connection.
  pool.on('error', (error) => options.onIdleError?.(error))
  // Fail at start, with the driver's message, rather than on the first request.
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end()
    throw error
  })
  probe.release()

  let closing: Promise<void> | undefined
  return {
    kind: 'postgresql',
    query: (sql, params) => runQuery(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql)
    },
    async transaction(fn) {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(wrapClient(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch (rollbackError) {
          // The connection is unusable: destroy it instead of returning it to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
        }
        throw error
      } finally {
        client.release(broken)
      }
    },
    close() {
      closing ??= pool.end()
      return closing
    },
  }
}

type PgRunner = Pick<pg.Pool | pg.PoolClient, 'query'>

async function runQuery<T>(runner: PgRunner, sql: string, params: QueryParams = []): Promise<QueryResult<T>> {
  const result = await runner.query(sql, [...params])
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length }
}

function wrapClient(client: pg.PoolClient): Queryable {
  return {
    query: (sql, params) => runQuery(client, sql, params),
    exec: async (sql) => {
      await client.query(sql)
    },
  }
}
