// The faults of DESIGN.md's "What the sync tests must prove" on the server side, each ending
// with the SET CHECK: every record exactly once on the server and on every simulated device,
// nothing lost, nothing doubled, nothing unexpected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Queryable } from '../../server/src/db/database.ts'
import { revokeDevice } from '../../server/src/services/admin.ts'
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

describe.each(databaseTargets)('sync faults on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structure: SeededStructure
  /** When set, the next push transaction fails after its writes, before COMMIT. */
  let crashNextPush: boolean

  beforeEach(async () => {
    database = await target.create()
    crashNextPush = false
    server = await startSyncServer(database, {
      pushProbe: async (_tx: Queryable) => {
        if (crashNextPush) {
          crashNextPush = false
          throw new Error('server killed mid-batch')
        }
      },
    })
    structure = await seedStructure(server.db)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  async function enrolledAgent(name = 'Tablette A'): Promise<SimDevice> {
    const person = await structure.newPerson()
    const device = new SimDevice(server.transport, name)
    await device.enrol(person.code)
    return device
  }

  async function secondDevice(of: SimDevice, name = 'Tablette B'): Promise<SimDevice> {
    const device = new SimDevice(server.transport, name)
    await device.enrol(await structure.newCode(of.userId!))
    return device
  }

  it('pushes and pulls records between two devices of one author', async () => {
    const a = await enrolledAgent()
    const b = await secondDevice(a)
    const records = [a.put('accompaniments', accompaniment({ notes: 'Rappeler jeudi' })), a.put('workshops', workshop())]
    await a.sync()
    await b.sync()
    expect(b.records.get(`accompaniments:${records[0]!.id}`)?.notes).toBe('Rappeler jeudi')
    // The server stamped structure and author from the token.
    expect(b.records.get(`accompaniments:${records[0]!.id}`)).toMatchObject({ structureId: a.structureId, authorId: a.userId })
    await expectSetCheck(
      server.db,
      structure.structureId,
      [expectedFrom(a, 'accompaniments', records[0]!.id), expectedFrom(a, 'workshops', records[1]!.id)],
      [a, b],
    )
  })

  it('replays a batch whose answer was lost after commit: nothing applied twice', async () => {
    const a = await enrolledAgent()
    const ids = Array.from({ length: 5 }, () => a.put('accompaniments', accompaniment()).id)
    const lost = await a.pushOnce({ loseAnswer: true })
    expect(lost.status).toBe(0)
    expect(a.outbox).toHaveLength(5) // the device never heard back
    const version = await server.db.query<{ version: number }>('SELECT version FROM structures WHERE id = $1', [structure.structureId])

    const retry = await a.pushOnce()
    expect(retry.answer).toEqual({ lastMutationId: 5, rejected: [] })
    const after = await server.db.query<{ version: number }>('SELECT version FROM structures WHERE id = $1', [structure.structureId])
    expect(after.rows[0]!.version).toBe(version.rows[0]!.version) // the replay took no change number
    const history = await server.db.query('SELECT 1 FROM record_history WHERE structure_id = $1', [structure.structureId])
    expect(history.rows).toEqual([])
    await a.pullAll()
    await expectSetCheck(server.db, structure.structureId, ids.map((id) => expectedFrom(a, 'accompaniments', id)), [a])
  })

  it('applies nothing of a batch whose transaction dies half-way, and all of it on retry', async () => {
    const a = await enrolledAgent()
    const b = await secondDevice(a)
    const ids = Array.from({ length: 20 }, () => a.put('accompaniments', accompaniment()).id)
    crashNextPush = true
    const crashed = await a.pushOnce()
    expect(crashed.status).toBe(500)
    expect(crashed.body).toEqual({ error: 'internal_server_error', message: expect.any(String) })
    expect(a.outbox).toHaveLength(20)
    const nothing = await server.db.query('SELECT id FROM records WHERE structure_id = $1', [structure.structureId])
    expect(nothing.rows).toEqual([])
    const device = await server.db.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM devices WHERE id = $1', [a.deviceId])
    expect(device.rows[0]!.last_mutation_id).toBe(0)

    await a.sync()
    await b.sync()
    await expectSetCheck(server.db, structure.structureId, ids.map((id) => expectedFrom(a, 'accompaniments', id)), [a, b])
  })

  it('takes duplicated and reordered batches without doubling or losing anything', async () => {
    const a = await enrolledAgent()
    const b = await secondDevice(a)
    const ids = Array.from({ length: 30 }, () => a.put('accompaniments', accompaniment()).id)
    const [first, second, third] = [a.outbox.slice(0, 10), a.outbox.slice(10, 20), a.outbox.slice(20, 30)]
    // The third batch arrives first: a gap, refused whole.
    const early = await a.sendMutations(third)
    expect(early.status).toBe(409)
    expect(early.json()).toEqual({ error: 'mutation_gap', message: expect.any(String), lastMutationId: 0 })
    expect((await a.sendMutations(first)).json()).toEqual({ lastMutationId: 10, rejected: [] })
    expect((await a.sendMutations(first)).json()).toEqual({ lastMutationId: 10, rejected: [] }) // repeated
    // A batch whose mutations come out of order, with some already applied.
    const shuffled = [...second, ...first.slice(5)].reverse()
    expect((await a.sendMutations(shuffled)).json()).toEqual({ lastMutationId: 20, rejected: [] })
    expect((await a.sendMutations([...second, ...third])).json()).toEqual({ lastMutationId: 30, rejected: [] })
    expect((await a.sendMutations(third)).json()).toEqual({ lastMutationId: 30, rejected: [] })
    a.outbox = []
    await a.pullAll()
    await b.pullAll()
    const revs = await server.db.query<{ n: number }>('SELECT count(DISTINCT rev)::int AS n FROM records WHERE structure_id = $1', [structure.structureId])
    expect(revs.rows[0]!.n).toBe(30)
    await expectSetCheck(server.db, structure.structureId, ids.map((id) => expectedFrom(a, 'accompaniments', id)), [a, b])
  })

  it('refuses a gap in mutation ids with 409 and the last id, then recovers from it', async () => {
    const a = await enrolledAgent()
    const ids = Array.from({ length: 6 }, () => a.put('accompaniments', accompaniment()).id)
    await a.pushOnce({ batch: 2 })
    // Entries 3 and 4 go missing from what is sent (a buggy client): 5 and 6 make a gap.
    const gap = await a.sendMutations(a.outbox.slice(2))
    expect(gap.status).toBe(409)
    const body = gap.json() as { lastMutationId: number }
    expect(body).toMatchObject({ error: 'mutation_gap', lastMutationId: 2 })
    // Recovery: send again from lastMutationId + 1.
    expect(a.outbox[0]!.id).toBe(body.lastMutationId + 1)
    await a.pushAll()
    await a.pullAll()
    await expectSetCheck(server.db, structure.structureId, ids.map((id) => expectedFrom(a, 'accompaniments', id)), [a])
  })

  it('ends a pull page inside one push and starts the next right after it', async () => {
    const a = await enrolledAgent()
    const b = await secondDevice(a)
    const ids = Array.from({ length: 25 }, () => a.put('accompaniments', accompaniment()).id)
    await a.pushAll() // one push, 25 change numbers
    const pages = await b.pullAll(7)
    expect(pages).toBe(4)
    expect(b.pulled.map((change) => change.rev)).toEqual([...new Set(b.pulled.map((change) => change.rev))])
    expect(b.pulled).toHaveLength(25)
    await a.pullAll()
    await expectSetCheck(server.db, structure.structureId, ids.map((id) => expectedFrom(a, 'accompaniments', id)), [a, b])
  })

  it('lets the later push win when two devices of one author edit one record, keeping the replaced one', async () => {
    const a = await enrolledAgent()
    const b = await secondDevice(a)
    const record = a.put('accompaniments', accompaniment({ notes: 'version 1' }))
    await a.sync()
    await b.sync()
    a.edit('accompaniments', record.id, { notes: 'version A' })
    b.edit('accompaniments', record.id, { notes: 'version B' })
    await a.pushAll()
    await b.pushAll() // later push wins
    await a.pullAll()
    await b.pullAll()
    expect(a.records.get(`accompaniments:${record.id}`)?.notes).toBe('version B')
    const history = await server.db.query<{ notes: string; replaced_by_device_id: string }>(
      "SELECT payload->>'notes' AS notes, replaced_by_device_id FROM record_history WHERE structure_id = $1 ORDER BY rev",
      [structure.structureId],
    )
    expect(history.rows).toEqual([
      { notes: 'version 1', replaced_by_device_id: a.deviceId },
      { notes: 'version A', replaced_by_device_id: b.deviceId },
    ])
    await expectSetCheck(server.db, structure.structureId, [expectedFrom(b, 'accompaniments', record.id)], [a, b])
  })

  it('carries a deletion as a tombstone without the notes', async () => {
    const a = await enrolledAgent()
    const b = await secondDevice(a)
    const kept = a.put('accompaniments', accompaniment())
    const gone = a.put('accompaniments', accompaniment({ notes: 'Mme D., dossier CAF' }))
    await a.sync()
    await b.sync()
    a.delete('accompaniments', gone.id)
    // Even a client that sends the whole record with its deletion: the server keeps the tombstone only.
    a.outbox[0]!.record = { ...gone, deletedAt: a.records.get(`accompaniments:${gone.id}`)!.deletedAt, updatedAt: a.records.get(`accompaniments:${gone.id}`)!.updatedAt }
    await a.sync()
    await b.sync()
    const pulled = b.records.get(`accompaniments:${gone.id}`)!
    expect(Object.keys(pulled).sort()).toEqual(['authorId', 'createdAt', 'date', 'deletedAt', 'id', 'kind', 'rev', 'structureId', 'updatedAt'])
    const stored = await server.db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM records WHERE id = $1', [gone.id])
    expect(JSON.stringify(stored.rows[0]!.payload)).not.toContain('CAF')
    await expectSetCheck(
      server.db,
      structure.structureId,
      [expectedFrom(a, 'accompaniments', kept.id), expectedFrom(a, 'accompaniments', gone.id)],
      [a, b],
    )
  })

  it('takes a device revoked while offline back with its unsent mutations once re-enrolled', async () => {
    const a = await enrolledAgent()
    const first = a.put('accompaniments', accompaniment()).id
    await a.sync()
    const offline = Array.from({ length: 3 }, () => a.put('accompaniments', accompaniment()).id)
    await revokeDevice(server.db, structure.structureId, a.deviceId!)
    const refused = await a.pushOnce()
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({ error: 'device_revoked', message: expect.any(String) })
    expect(a.outbox).toHaveLength(3)
    const pull = await a.request({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: a.auth() })
    expect(pull.status).toBe(403)
    expect(pull.json()).toEqual({ error: 'device_revoked', message: expect.stringContaining('retiré') })
    const oldDevice = a.deviceId

    await a.enrol(await structure.newCode(a.userId!)) // nextMutationId = the lowest unsent id
    expect(a.deviceId).not.toBe(oldDevice)
    const row = await server.db.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM devices WHERE id = $1', [a.deviceId])
    expect(row.rows[0]!.last_mutation_id).toBe(1)
    await a.sync()
    await expectSetCheck(server.db, structure.structureId, [first, ...offline].map((id) => expectedFrom(a, 'accompaniments', id)), [a])
  })

  it("shares workshops with colleagues but never an agent's accompaniments", async () => {
    const awa = await enrolledAgent('Awa')
    const marc = await enrolledAgent('Marc')
    const mine = awa.put('accompaniments', accompaniment()).id
    const shared = awa.put('workshops', workshop()).id
    const his = marc.put('accompaniments', accompaniment()).id
    await awa.sync()
    await marc.sync()
    await awa.pullAll()
    expect(marc.records.has(`accompaniments:${mine}`)).toBe(false)
    expect(marc.records.has(`workshops:${shared}`)).toBe(true)
    await expectSetCheck(
      server.db,
      structure.structureId,
      [expectedFrom(awa, 'accompaniments', mine), expectedFrom(awa, 'workshops', shared), expectedFrom(marc, 'accompaniments', his)],
      [awa, marc],
    )
  })

  it("rejects what can never be accepted, keeps it with its reason and moves past it", async () => {
    const awa = await enrolledAgent('Awa')
    const marc = await enrolledAgent('Marc')
    const theirs = marc.put('workshops', workshop()).id
    await marc.sync()
    await awa.pullAll()
    const good = awa.put('accompaniments', accompaniment()).id
    awa.put('accompaniments', accompaniment({ durationMinutes: -5 }))
    awa.outbox.push({ id: awa.nextMutationId++, table: 'contacts', op: 'put', schemaVersion: 1, record: { id: '01J00000000000000000000000' } })
    // Awa edits Marc's workshop: a record has one author.
    awa.edit('workshops', theirs, { title: 'Détourné' })
    const after = awa.put('accompaniments', accompaniment()).id
    const result = await awa.pushOnce()
    expect(result.answer).toEqual({
      lastMutationId: 5,
      rejected: [
        { id: 2, reason: 'invalid_record: durationMinutes' },
        { id: 3, reason: 'unknown_table' },
        { id: 4, reason: 'not_author' },
      ],
    })
    const kept = await server.db.query<{ mutation_id: number; reason: string; table_name: string }>(
      'SELECT mutation_id, reason, table_name FROM rejected_mutations WHERE structure_id = $1 AND device_id = $2 ORDER BY mutation_id',
      [structure.structureId, awa.deviceId],
    )
    expect(kept.rows).toEqual([
      { mutation_id: 2, reason: 'invalid_record: durationMinutes', table_name: 'accompaniments' },
      { mutation_id: 3, reason: 'unknown_table', table_name: 'contacts' },
      { mutation_id: 4, reason: 'not_author', table_name: 'workshops' },
    ])
    // The device drops what it keeps as refused from its store (the client shows them as refused).
    for (const key of [...awa.records.keys()]) {
      const record = awa.records.get(key)!
      if (record.durationMinutes === -5) awa.records.delete(key)
    }
    awa.records.set(`workshops:${theirs}`, marc.records.get(`workshops:${theirs}`)!)
    await awa.pullAll()
    await marc.pullAll()
    await expectSetCheck(
      server.db,
      structure.structureId,
      [expectedFrom(awa, 'accompaniments', good), expectedFrom(awa, 'accompaniments', after), expectedFrom(marc, 'workshops', theirs)],
      [awa, marc],
    )
  })
})
