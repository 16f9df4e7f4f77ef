// Concurrent pushers while others pull, for a few seconds, on one structure: every change
// committed is seen by every puller, none twice. Pushes linger inside their transaction (after
// their writes, before COMMIT) so that on PostgreSQL pulls really run between a push taking
// its change numbers and committing them: the per-structure version row lock is what keeps a
// cursor from passing a change still being written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import {
  accompaniment,
  expectedFrom,
  expectSetCheck,
  seedStructure,
  SimDevice,
  startSyncServer,
  workshop,
  type ExpectedRecord,
  type SeededStructure,
  type SyncServer,
} from './helpers/sync.ts'

const RUN_MS = 3000
const PUSHERS = 4
const PULLERS = 3

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(databaseTargets)('concurrent pushers and pullers on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structure: SeededStructure

  beforeEach(async () => {
    database = await target.create()
    server = await startSyncServer(database, {
      pushProbe: async () => {
        await sleep(Math.random() * 15)
      },
    })
    structure = await seedStructure(server.db)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  it('shows every committed change to every puller exactly once', { timeout: 60_000 }, async () => {
    const enrol = async (name: string) => {
      const device = new SimDevice(server.transport, name)
      await device.enrol((await structure.newPerson(name)).code)
      return device
    }
    const pushers = await Promise.all(Array.from({ length: PUSHERS }, (_, i) => enrol(`pusher ${i}`)))
    const pullers = await Promise.all(Array.from({ length: PULLERS }, (_, i) => enrol(`puller ${i}`)))
    const written: Array<{ device: SimDevice; table: 'workshops' | 'accompaniments'; id: string }> = []

    const deadline = performance.now() + RUN_MS
    const pushing = pushers.map(async (device) => {
      let round = 0
      while (performance.now() < deadline) {
        const count = 1 + Math.floor(Math.random() * 12)
        for (let i = 0; i < count; i++) {
          // Mostly shared workshops (every puller must see them), some private accompaniments,
          // and now and then an edit of an earlier workshop.
          const mine = written.filter((entry) => entry.device === device && entry.table === 'workshops')
          if (mine.length > 0 && Math.random() < 0.15) {
            device.edit('workshops', mine[Math.floor(Math.random() * mine.length)]!.id, { title: `édité ${round}` })
          } else {
            const table = Math.random() < 0.8 ? 'workshops' : 'accompaniments'
            const record = device.put(table, table === 'workshops' ? workshop() : accompaniment())
            written.push({ device, table, id: record.id })
          }
        }
        await device.pushAll({ batch: 8 })
        round++
      }
    })
    const pulling = pullers.map(async (device) => {
      while (performance.now() < deadline) await device.pullOnce(5)
    })
    await Promise.all([...pushing, ...pulling])

    for (const device of [...pushers, ...pullers]) await device.pullAll(50)
    const expected: ExpectedRecord[] = written.map((entry) => expectedFrom(entry.device, entry.table, entry.id))
    // A floor only: a loaded machine (or PGlite, one connection) writes fewer in the time.
    expect(expected.length).toBeGreaterThan(8)
    for (const puller of pullers) {
      // Strictly increasing revs: no change twice, none out of order.
      const revs = puller.pulled.map((change) => change.rev)
      expect(revs.every((rev, i) => i === 0 || rev > revs[i - 1]!), `${puller.name} saw a change twice or out of order`).toBe(true)
    }
    // Each puller saw the final version of every shared record (a skipped change is never
    // pulled again: the set check would find it missing or stale).
    await expectSetCheck(server.db, structure.structureId, expected, [...pushers, ...pullers])
  })

  it('lets two devices of one author push the same records at once, in opposite orders, without a deadlock', { timeout: 60_000 }, async () => {
    const person = await structure.newPerson('Awa')
    const a = new SimDevice(server.transport, 'A')
    await a.enrol(person.code)
    const b = new SimDevice(server.transport, 'B')
    await b.enrol(await structure.newCode(person.userId))
    const ids = Array.from({ length: 30 }, () => a.put('accompaniments', accompaniment()).id)
    await a.sync()
    await b.sync()
    for (let round = 0; round < 8; round++) {
      for (const id of ids) a.edit('accompaniments', id, { notes: `A ${round}` })
      for (const id of [...ids].reverse()) b.edit('accompaniments', id, { notes: `B ${round}` })
      const results = await Promise.all([a.pushOnce(), b.pushOnce()])
      expect(results.map((result) => result.status)).toEqual([200, 200])
    }
    await a.pullAll()
    await b.pullAll()
    // Whichever pushed last won each record; both devices agree with the server.
    const server_ = await server.db.query<{ id: string; updated_at: string }>(
      "SELECT id, payload->>'updatedAt' AS updated_at FROM records WHERE structure_id = $1",
      [structure.structureId],
    )
    const winners = new Map(server_.rows.map((row) => [row.id, row.updated_at]))
    await expectSetCheck(
      server.db,
      structure.structureId,
      ids.map((id) => ({ table: 'accompaniments' as const, id, updatedAt: winners.get(id)!, visibleTo: person.userId })),
      [a, b],
    )
  })
})
