// Malformed, oversized and hostile bodies change nothing and get a clear error; a device of one
// structure can neither read, change nor delete anything of another, whatever ids it sends.
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PUSH_MAX_BODY_BYTES } from '../../src/schemas/sync.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import {
  accompaniment,
  expectedFrom,
  expectSetCheck,
  seedStructure,
  SimDevice,
  startSyncServer,
  workshop,
  type SeededStructure,
  type SyncServer,
} from './helpers/sync.ts'

describe.each(databaseTargets)('hostile bodies and isolation on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structureA: SeededStructure
  let structureB: SeededStructure
  let a: SimDevice
  let b: SimDevice

  beforeEach(async () => {
    database = await target.create()
    server = await startSyncServer(database)
    structureA = await seedStructure(server.db, 'Structure A')
    structureB = await seedStructure(server.db, 'Structure B')
    a = new SimDevice(server.transport, 'A')
    await a.enrol((await structureA.newPerson('Awa')).code)
    b = new SimDevice(server.transport, 'B')
    await b.enrol((await structureB.newPerson('Bruno')).code)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  const push = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json', ...a.auth(), ...headers },
      payload,
    })

  async function nothingChanged(): Promise<void> {
    const rows = await server.db.query<{ n: number; last: number }>(
      `SELECT (SELECT count(*) FROM records)::int AS n,
              (SELECT last_mutation_id FROM devices WHERE id = $1)::int AS last`,
      [a.deviceId],
    )
    expect(rows.rows[0]).toEqual({ n: 0, last: 0 })
  }

  it.each([
    ['not JSON', '{"schemaVersion":1,"mutations":[', 400],
    ['an empty body', '', 400],
    ['a JSON array', '[]', 400],
    ['a mutation without an id', '{"schemaVersion":1,"mutations":[{"table":"accompaniments","op":"put","schemaVersion":1,"record":{"id":"x"}}]}', 400],
    ['an unknown op', '{"schemaVersion":1,"mutations":[{"id":1,"table":"accompaniments","op":"drop","schemaVersion":1,"record":{"id":"x"}}]}', 400],
    ['a string id', '{"schemaVersion":1,"mutations":[{"id":"1","table":"accompaniments","op":"put","schemaVersion":1,"record":{"id":"x"}}]}', 400],
    ['a fractional id', '{"schemaVersion":1,"mutations":[{"id":1.5,"table":"accompaniments","op":"put","schemaVersion":1,"record":{"id":"x"}}]}', 400],
    ['a prototype key', '{"schemaVersion":1,"mutations":[],"__proto__":{"admin":true}}', 400],
    ['a nested constructor key', '{"schemaVersion":1,"mutations":[{"id":1,"table":"accompaniments","op":"put","schemaVersion":1,"record":{"id":"x","constructor":{"prototype":{}}}}]}', 400],
    ['duplicate mutation ids', `{"schemaVersion":1,"mutations":[${[1, 1].map((id) => `{"id":${id},"table":"accompaniments","op":"put","schemaVersion":1,"record":{"id":"x"}}`).join(',')}]}`, 400],
  ])('refuses %s with 400 { error, message } and changes nothing', async (_label, payload, status) => {
    const response = await push(payload)
    expect(response.statusCode).toBe(status)
    expect(response.json()).toMatchObject({ error: 'invalid_body', message: expect.stringContaining('illisible') })
    await nothingChanged()
  })

  it('refuses a body over the limit, plain or gzip, with 413', async () => {
    const big = JSON.stringify({ schemaVersion: 1, mutations: [], padding: 'x'.repeat(PUSH_MAX_BODY_BYTES) })
    const plain = await push(big)
    expect(plain.statusCode).toBe(413)
    expect(plain.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) })
    const zipped = await push(gzipSync(big), { 'content-encoding': 'gzip' })
    expect(zipped.statusCode).toBe(413)
    expect(zipped.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) })
    await nothingChanged()
  })

  it('stops inflating a gzip bomb at the limit', async () => {
    // Five gzip members of 200 MB of spaces each: about 1 MB on the wire, 1 GB inflated.
    const member = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 })
    const bomb = Buffer.concat(Array.from({ length: 5 }, () => member))
    expect(bomb.length).toBeLessThan(PUSH_MAX_BODY_BYTES)
    const response = await push(bomb, { 'content-encoding': 'gzip' })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) })
    // Nothing goes on inflating the rest in the background once the answer is out.
    const before = process.cpuUsage()
    await new Promise((resolve) => setTimeout(resolve, 700))
    const used = process.cpuUsage(before)
    expect((used.user + used.system) / 1000).toBeLessThan(250)
    await nothingChanged()
  })

  it('refuses more than 500 mutations, broken gzip and other encodings', async () => {
    const mutations = Array.from({ length: 501 }, (_, i) => ({ id: i + 1, table: 'accompaniments', op: 'put', schemaVersion: 1, record: { id: 'x' } }))
    const tooMany = await push(JSON.stringify({ schemaVersion: 1, mutations }))
    expect(tooMany.statusCode).toBe(413)
    expect(tooMany.json()).toMatchObject({ error: 'too_many_mutations', maxMutations: 500 })
    const broken = await push(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' })
    expect(broken.statusCode).toBe(400)
    expect(broken.json()).toMatchObject({ error: 'invalid_body' })
    const brotli = await push('{}', { 'content-encoding': 'br' })
    expect(brotli.statusCode).toBe(415)
    expect(brotli.json()).toMatchObject({ error: 'unsupported_encoding', message: expect.stringContaining('gzip') })
    const form = await push('a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.statusCode).toBe(415)
    await nothingChanged()
  })

  it('refuses a bad pull query with 400', async () => {
    for (const query of ['cursor=-1', 'cursor=abc', 'limit=0', 'limit=1001', 'cursor=1e400']) {
      const response = await server.app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: a.auth() })
      expect(response.statusCode, query).toBe(400)
      expect(response.json()).toMatchObject({ error: 'invalid_body', message: expect.any(String) })
    }
  })

  it("can neither read, change nor delete another structure's records, whatever ids it sends", async () => {
    const theirs = b.put('accompaniments', accompaniment({ notes: 'secret de B' }))
    const theirWorkshop = b.put('workshops', workshop())
    await b.sync()

    // A pushes records with B's ids, B's structure and B's author in the body.
    const forged = { structureId: b.structureId, authorId: b.userId }
    a.put('accompaniments', { ...accompaniment({ notes: 'écrit par A' }), id: theirs.id })
    a.outbox[0]!.record = { ...a.outbox[0]!.record, ...forged }
    a.put('workshops', { ...workshop({ title: 'A' }), id: theirWorkshop.id })
    a.delete('workshops', theirWorkshop.id)
    await a.pushAll()
    await a.pullAll()

    // B's records are untouched, and A's are A's own, stamped from its token.
    const rows = await server.db.query<{ structure_id: string; table_name: string; id: string; author_id: string; notes: string | null }>(
      "SELECT structure_id, table_name, id, author_id, payload->>'notes' AS notes FROM records ORDER BY structure_id, table_name",
    )
    expect(rows.rows).toEqual(
      expect.arrayContaining([
        { structure_id: b.structureId, table_name: 'accompaniments', id: theirs.id, author_id: b.userId, notes: 'secret de B' },
        { structure_id: a.structureId, table_name: 'accompaniments', id: theirs.id, author_id: a.userId, notes: 'écrit par A' },
      ]),
    )
    expect(a.records.get(`accompaniments:${theirs.id}`)).toMatchObject({ structureId: a.structureId, authorId: a.userId, notes: 'écrit par A' })
    // The same id in two structures is two records: nothing collides.
    await b.pullAll()
    expect(b.records.get(`accompaniments:${theirs.id}`)?.notes).toBe('secret de B')
    expect(b.records.get(`workshops:${theirWorkshop.id}`)?.deletedAt).toBeNull()
    // A pull with any cursor never shows B's data to A.
    for (const cursor of [0, 1, 2]) {
      const page = await server.app.inject({ method: 'GET', url: `/api/sync/pull?cursor=${cursor}&limit=1000`, headers: a.auth() })
      expect(page.body).not.toContain('secret de B')
    }
    // A token naming structure B with A's device and secret is refused.
    const [, deviceId, secret] = a.token!.split('.')
    const crossed = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `Bearer ${b.structureId}.${deviceId}.${secret}` } })
    expect(crossed.statusCode).toBe(401)
    const settings = await server.app.inject({ method: 'GET', url: '/api/sync/settings', headers: a.auth() })
    expect(settings.json()).toMatchObject({ structure: { id: a.structureId, name: 'Structure A' } })

    await expectSetCheck(server.db, a.structureId!, [expectedFrom(a, 'accompaniments', theirs.id), expectedFrom(a, 'workshops', theirWorkshop.id)], [a])
    await expectSetCheck(server.db, b.structureId!, [expectedFrom(b, 'accompaniments', theirs.id), expectedFrom(b, 'workshops', theirWorkshop.id)], [b])
  })
})
