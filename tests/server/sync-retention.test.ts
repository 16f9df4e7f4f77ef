// Retention on the server: records older than their structure's retention_months are purged
// (with their history), newer ones and other structures' are kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { purgeExpired } from '../../server/src/services/retention.ts'
import { scheduleRetentionPurge } from '../../server/src/services/retention-schedule.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { accompaniment, seedStructure, SimDevice, startSyncServer, workshop, type SyncServer } from './helpers/sync.ts'

describe.each(databaseTargets)('retention purge on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer

  beforeEach(async () => {
    database = await target.create()
    server = await startSyncServer(database)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  it("deletes records older than the structure's retention, and only those", async () => {
    const short = await seedStructure(server.db, 'Courte')
    const long = await seedStructure(server.db, 'Longue')
    await server.db.query('UPDATE structures SET retention_months = 6 WHERE id = $1', [short.structureId])
    const a = new SimDevice(server.transport, 'A')
    await a.enrol((await short.newPerson()).code)
    const b = new SimDevice(server.transport, 'B')
    await b.enrol((await long.newPerson()).code)

    const old = a.put('accompaniments', accompaniment({ date: '2026-05-31' }))
    a.edit('accompaniments', old.id, { notes: 'édité' }) // leaves a version in record_history
    const kept = a.put('workshops', workshop({ date: '2026-06-01' }))
    const otherOld = b.put('accompaniments', accompaniment({ date: '2026-05-31' }))
    await a.pushAll()
    await b.pushAll()

    const report = await purgeExpired(server.db, new Date('2026-12-01T08:00:00Z'))
    expect(report).toMatchObject({ records: 1, history: 1 })
    const left = await server.db.query<{ id: string }>('SELECT id FROM records ORDER BY id')
    expect(left.rows.map((row) => row.id).sort()).toEqual([kept.id, otherOld.id].sort())
    const history = await server.db.query('SELECT 1 FROM record_history')
    expect(history.rows).toEqual([])
    // Idempotent: a second run (another instance, the next day) finds nothing more.
    expect(await purgeExpired(server.db, new Date('2026-12-01T08:00:00Z'))).toEqual({ records: 0, history: 0, rejected: 0, codes: 0 })
  })

  it('runs the purge at start and then on its interval, logging counts only', async () => {
    const lines: Array<{ msg: string; purge?: unknown }> = []
    const log = { info: (data: { purge?: unknown }, msg: string) => void lines.push({ msg, ...data }), error: (data: unknown, msg: string) => void lines.push({ msg }) }
    const stop = scheduleRetentionPurge(server.db, log as never, 200)
    await new Promise((resolve) => setTimeout(resolve, 500))
    stop()
    const runs = lines.filter((line) => line.msg === 'Retention purge done')
    expect(runs.length).toBeGreaterThanOrEqual(2)
    expect(runs[0]!.purge).toEqual({ records: 0, history: 0, rejected: 0, codes: 0 })
  })
})
