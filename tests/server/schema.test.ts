// Migrations 001 and 002 hold what the sync and tenancy rules rely on: defaults, checks, keys,
// and references that keep each structure's rows inside that structure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'

describe.each(databaseTargets)('schema on $kind', (target) => {
  let database: TestDatabase
  let db: Database

  beforeAll(async () => {
    database = await target.create()
    db = (await database.open()).db
  })
  afterAll(async () => {
    await database.destroy()
  })
  beforeEach(async () => {
    // Every tenant table hangs off structures: this empties them all.
    await db.exec('TRUNCATE structures, record_history RESTART IDENTITY CASCADE')
    await db.query("INSERT INTO structures (id, name) VALUES ('s1', 'France Services Vals'), ('s2', 'Médiathèque Aubenas')")
    await db.query(
      "INSERT INTO users (id, structure_id, role, display_name) VALUES ('u1', 's1', 'agent', 'Awa'), ('u2', 's2', 'coordinator', 'Marc')",
    )
  })

  it('starts a structure at version 0 with a 24-month retention', async () => {
    const result = await db.query<{ version: number; retention_months: number }>(
      "SELECT version, retention_months FROM structures WHERE id = 's1'",
    )
    expect(result.rows).toEqual([{ version: 0, retention_months: 24 }])
  })

  it('hands out change numbers from the per-structure counter, as numbers', async () => {
    const bump = () =>
      db.transaction((tx) =>
        tx.query<{ version: number }>("UPDATE structures SET version = version + 1 WHERE id = 's1' RETURNING version"),
      )
    expect((await bump()).rows).toEqual([{ version: 1 }])
    expect((await bump()).rows).toEqual([{ version: 2 }])
    const other = await db.query<{ version: number }>("SELECT version FROM structures WHERE id = 's2'")
    expect(other.rows).toEqual([{ version: 0 }])
  })

  it('accepts only the three roles', async () => {
    await expect(
      db.query("INSERT INTO users (id, structure_id, role, display_name) VALUES ('u3', 's1', 'admin', 'X')"),
    ).rejects.toThrow(/check constraint/)
  })

  it("refuses a device bound to another structure's user", async () => {
    await expect(
      db.query("INSERT INTO devices (id, structure_id, user_id, token_hash) VALUES ('d1', 's1', 'u2', 'h1')"),
    ).rejects.toThrow(/foreign key/)
    await db.query("INSERT INTO devices (id, structure_id, user_id, token_hash) VALUES ('d1', 's1', 'u1', 'h1')")
    const device = await db.query<{ last_mutation_id: number; revoked_at: Date | null }>(
      "SELECT last_mutation_id, revoked_at FROM devices WHERE id = 'd1'",
    )
    expect(device.rows).toEqual([{ last_mutation_id: 0, revoked_at: null }])
  })

  it('keys devices by structure: one row per enrolment', async () => {
    await db.query("INSERT INTO devices (id, structure_id, user_id, token_hash) VALUES ('d1', 's1', 'u1', 'h1')")
    await expect(
      db.query("INSERT INTO devices (id, structure_id, user_id, token_hash) VALUES ('d1', 's1', 'u1', 'h2')"),
    ).rejects.toThrow(/duplicate key/)
    const device = await db.query<{ name: string; last_push_at: Date | null }>("SELECT name, last_push_at FROM devices WHERE id = 'd1'")
    expect(device.rows).toEqual([{ name: '', last_push_at: null }])
  })

  it('stores one current version per (structure, table, id), with its payload as JSON', async () => {
    const insert = 'INSERT INTO records (structure_id, table_name, id, author_id, rev, payload) VALUES ($1, $2, $3, $4, $5, $6)'
    await db.query(insert, ['s1', 'sessions', 'r1', 'u1', 1, JSON.stringify({ durationMinutes: 30 })])
    await expect(db.query(insert, ['s1', 'sessions', 'r1', 'u1', 2, '{}'])).rejects.toThrow(/duplicate key/)
    // The same client id in another table or structure is another record.
    await db.query(insert, ['s1', 'workshops', 'r1', 'u1', 2, '{}'])
    await db.query(insert, ['s2', 'sessions', 'r1', 'u2', 1, '{}'])
    // An author belongs to the record's structure.
    await expect(db.query(insert, ['s2', 'sessions', 'r2', 'u1', 5, '{}'])).rejects.toThrow(/foreign key/)
    // One change number per applied mutation: a rev is never reused within a structure.
    await expect(db.query(insert, ['s1', 'sessions', 'r3', 'u1', 2, '{}'])).rejects.toThrow(/records_structure_rev_key/)

    const stored = await db.query<{ payload: unknown; rev: number; deleted_at: Date | null }>(
      "SELECT payload, rev, deleted_at FROM records WHERE structure_id = 's1' AND table_name = 'sessions' AND id = 'r1'",
    )
    expect(stored.rows).toEqual([{ payload: { durationMinutes: 30 }, rev: 1, deleted_at: null }])
  })

  it('keeps (structure_id, rev) unique, the order pulls read in', async () => {
    const result = await db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'records' AND indexname = 'records_structure_rev_key'",
    )
    expect(result.rows[0]?.indexdef).toMatch(/UNIQUE INDEX .*\(structure_id, rev\)/)
  })

  it('starts every primary key and unique constraint of a tenant table with structure_id', async () => {
    // Every unique index of the schema (primary keys and unique constraints are backed by one),
    // with its columns in order.
    const result = await db.query<{ table_name: string; index_name: string; columns: string[] }>(
      `SELECT t.relname AS table_name, i.relname AS index_name,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = current_schema() AND x.indisunique
        GROUP BY t.relname, i.relname
        ORDER BY t.relname, i.relname`,
    )
    // The tenant root is keyed by the structure id itself; schema_migrations is no tenant data.
    const tenantKeys = result.rows.filter((row) => row.table_name !== 'structures' && row.table_name !== 'schema_migrations')
    expect(tenantKeys.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['users', 'devices', 'enrolment_codes', 'records', 'record_history', 'rejected_mutations']),
    )
    const offenders = tenantKeys.filter((row) => row.columns[0] !== 'structure_id').map((row) => `${row.table_name}.${row.index_name} (${row.columns.join(', ')})`)
    expect(offenders).toEqual([])
    const structureKeys = result.rows.filter((row) => row.table_name === 'structures')
    expect(structureKeys.map((row) => row.columns)).toEqual([['id']])
    // And every table but the root and the migrations log carries structure_id.
    const tables = await db.query<{ table_name: string; has: boolean }>(
      `SELECT c.relname AS table_name,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'structure_id' AND NOT a.attisdropped) AS has
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT IN ('structures', 'schema_migrations')`,
    )
    expect(tables.rows.filter((row) => !row.has)).toEqual([])
  })

  it('keeps replaced versions and rejected mutations, scoped by structure', async () => {
    await db.query("INSERT INTO devices (id, structure_id, user_id, token_hash) VALUES ('d1', 's1', 'u1', 'h1')")
    await db.query(
      `INSERT INTO record_history (structure_id, table_name, record_id, author_id, rev, payload, updated_at)
       VALUES ('s1', 'sessions', 'r1', 'u1', 1, '{"v":1}', now())`,
    )
    const reject = 'INSERT INTO rejected_mutations (structure_id, device_id, mutation_id, reason, payload) VALUES ($1, $2, $3, $4, $5)'
    await db.query(reject, ['s1', 'd1', 7, 'invalid', JSON.stringify({ garbage: true })])
    // One rejection per device mutation id; a device of s1 cannot be filed under s2.
    await expect(db.query(reject, ['s1', 'd1', 7, 'invalid', null])).rejects.toThrow(/duplicate key/)
    await expect(db.query(reject, ['s2', 'd1', 8, 'invalid', null])).rejects.toThrow(/foreign key/)

    const history = await db.query<{ history_id: number }>('SELECT history_id FROM record_history')
    expect(history.rows).toEqual([{ history_id: 1 }])
  })

  it('deletes a structure with everything it owns', async () => {
    await db.query("INSERT INTO devices (id, structure_id, user_id, token_hash) VALUES ('d1', 's1', 'u1', 'h1')")
    await db.query(
      "INSERT INTO records (structure_id, table_name, id, author_id, rev, payload) VALUES ('s1', 'sessions', 'r1', 'u1', 1, '{}')",
    )
    await db.query("DELETE FROM structures WHERE id = 's1'")
    const left = await db.query<{ users: number; devices: number; records: number }>(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM devices)::int AS devices,
              (SELECT count(*) FROM records)::int AS records`,
    )
    expect(left.rows).toEqual([{ users: 1, devices: 0, records: 0 }])
  })
})
