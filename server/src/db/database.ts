// The one database interface the server codes against, so routes and services run unchanged on
// embedded PGlite (one process, a local folder) and on a PostgreSQL server (DATABASE_URL).

export type DatabaseKind = 'pglite' | 'postgresql'

/** Bound values of a parameterised query ($1, $2, …). */
export type QueryParams = readonly unknown[]

export interface QueryResult<T> {
  rows: T[]
  /** Rows returned, or touched by an INSERT/UPDATE/DELETE. */
  rowCount: number
}

/** What can run SQL: the database itself, or the handle of an open transaction. */
export interface Queryable {
  /** One parameterised statement. Both drivers return bigint (int8) columns as JS numbers. */
  query<T>(sql: string, params?: QueryParams): Promise<QueryResult<T>>
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws.
   * Inside `fn`, use only the `tx` handle: on PGlite the database itself waits for the
   * transaction to end, so calling it from inside would deadlock.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Closes connections and releases what the database holds (PGlite's data folder lock). */
  close(): Promise<void>
}

/** PostgreSQL's type oid for int8 (bigint). */
export const INT8_OID = 20

/**
 * How both drivers read int8 columns. `pg` would return strings (an int8 may exceed 2^53) and
 * PGlite numbers that silently lose precision there. Tandem's int8 columns are counters (change
 * numbers, mutation ids) that stay far below 2^53, so: numbers, and a loud failure otherwise.
 */
export function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is beyond the safe integer range`)
  return value
}
