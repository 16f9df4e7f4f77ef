// The Database interface behaves the same on PGlite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'

describe.each(databaseTargets)('Database on $kind', (target) => {
  let database: TestDatabase
  let db: Database

  // One database for the file (a fresh PGlite copy costs about a second); each test starts
  // from empty tables.
  beforeAll(async () => {
    database = await target.create()
    db = (await database.open()).db
  })
  afterAll(async () => {
    await database.destroy()
  })
  beforeEach(async () => {
    await db.exec(`
      DROP TABLE IF EXISTS counters, notes;
      CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
      CREATE TABLE notes (body text);
    `)
  })

  it(`reports its kind`, () => {
    expect(db.kind).toBe(target.kind)
  })

  it('commits a transaction whose function resolves, and returns its result', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO counters VALUES ($1, $2)', ['a', 1])
      const updated = await tx.query<{ value: number }>('UPDATE counters SET value = value + 1 RETURNING value')
      return updated.rows[0]?.value
    })
    expect(result).toBe(2)
    expect((await db.query('SELECT name, value FROM counters')).rows).toEqual([{ name: 'a', value: 2 }])
  })

  it('rolls back every statement of a transaction whose function throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO counters VALUES ($1, $2)', ['a', 1])
        await tx.exec("INSERT INTO notes VALUES ('one'); INSERT INTO notes VALUES ('two')")
        throw new Error('the push was refused')
      }),
    ).rejects.toThrow('the push was refused')
    expect((await db.query('SELECT * FROM counters')).rows).toEqual([])
    expect((await db.query('SELECT * FROM notes')).rows).toEqual([])
    // The connection is usable afterwards.
    await db.query('INSERT INTO counters VALUES ($1, $2)', ['b', 1])
  })

  it('rolls back a transaction whose statement fails', async () => {
    await db.query('INSERT INTO counters VALUES ($1, $2)', ['a', 1])
    await expect(
      db.transaction(async (tx) => {
        await tx.query('UPDATE counters SET value = 99')
        await tx.query('INSERT INTO counters VALUES ($1, $2)', ['a', 1])
      }),
    ).rejects.toThrow(/duplicate key/)
    expect((await db.query('SELECT value FROM counters')).rows).toEqual([{ value: 1 }])
  })

  it('counts the rows an UPDATE touched', async () => {
    await db.query("INSERT INTO counters VALUES ('a', 1), ('b', 1), ('c', 5)")
    const result = await db.query('UPDATE counters SET value = value + 1 WHERE value = $1', [1])
    expect(result.rowCount).toBe(2)
  })

  it('reads bigint as an exact number, and refuses one beyond 2^53', async () => {
    const exact = await db.query<{ big: number }>('SELECT $1::bigint AS big', [String(2 ** 53 - 1)])
    expect(exact.rows).toEqual([{ big: 2 ** 53 - 1 }])
    await expect(db.query('SELECT 9007199254740993::bigint AS big')).rejects.toThrow(/safe integer range/)
  })

  it('is closed for good after close()', async () => {
    const own = await target.create()
    try {
      const { db: closing } = await own.open()
      await closing.close()
      await closing.close() // idempotent: several shutdown paths may call it
      await expect(closing.query('SELECT 1')).rejects.toThrow()
    } finally {
      await own.destroy()
    }
  })
})
