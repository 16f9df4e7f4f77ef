// The server's per-day counters follow every push (new records, edits that move a record to
// another day, deletions, two authors), equal a rebuild from the records, and give the report
// the same figures as counting the records themselves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureDayCounters, readDayCounters } from '../../server/src/services/activity-days.ts'
import { activityReport } from '../../server/src/services/console-report.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { accompaniment, seedStructure, SimDevice, startSyncServer, workshop, type SeededStructure, type SyncServer } from './helpers/sync.ts'

describe.each(databaseTargets)('per-day counters on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structure: SeededStructure

  beforeEach(async () => {
    database = await target.create()
    server = await startSyncServer(database)
    structure = await seedStructure(server.db)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  const year = { from: '2026-01-01', to: '2026-12-31' }
  const sorted = async () =>
    (await readDayCounters(server.db, structure.structureId, year)).map((r) => JSON.stringify([r.author_id, r.day, r.kind, Object.entries(r.counts).sort()])).sort()

  it('follow pushes, edits across days and deletions, and equal a rebuild from the records', async () => {
    await ensureDayCounters(server.db, structure.structureId)
    const awa = new SimDevice(server.transport, 'Awa')
    await awa.enrol((await structure.newPerson('Awa')).code)
    const bruno = new SimDevice(server.transport, 'Bruno')
    await bruno.enrol((await structure.newPerson('Bruno')).code)
    const a1 = awa.put('accompaniments', accompaniment({ date: '2026-03-02', themes: ['email'] }))
    const a2 = awa.put('accompaniments', accompaniment({ date: '2026-03-02', themes: ['sante'], outcome: 'non_resolu' }))
    awa.put('accompaniments', accompaniment({ date: '2026-04-10' }))
    const w = awa.put('workshops', workshop({ date: '2026-03-05', status: 'held', durationMinutes: 90, participants: { total: 6, alreadyAccompanied: 2, byGender: null, byAge: { soixante_dix_plus: 4 }, byStatus: null } }))
    awa.put('workshops', workshop({ date: '2026-05-05' })) // planned: counts nothing yet
    bruno.put('accompaniments', accompaniment({ date: '2026-03-02' }))
    await awa.pushAll()
    await bruno.pushAll()
    // An edit moves a record to another day and theme; another is deleted; the workshop grows.
    awa.edit('accompaniments', a1.id, { date: '2026-06-01', themes: ['bureautique'] })
    awa.delete('accompaniments', a2.id)
    awa.edit('workshops', w.id, { participants: { total: 8, alreadyAccompanied: 2, byGender: null, byAge: null, byStatus: null } })
    await awa.pushAll()

    const maintained = await sorted()
    expect(maintained.length).toBeGreaterThan(0)
    const march = (await readDayCounters(server.db, structure.structureId, { from: '2026-03-02', to: '2026-03-02', person: awa.userId })).map((r) => r.counts)
    expect(march).toEqual([]) // a1 moved to June, a2 deleted: nothing of Awa's left on March 2
    await server.db.query('DELETE FROM activity_days_state WHERE structure_id = $1', [structure.structureId])
    await ensureDayCounters(server.db, structure.structureId)
    expect(await sorted()).toEqual(maintained)
  })

  it('gives the report the same figures as counting the records', async () => {
    const awa = new SimDevice(server.transport, 'Awa')
    await awa.enrol((await structure.newPerson('Awa')).code)
    for (let i = 0; i < 40; i++) {
      awa.put('accompaniments', accompaniment({ date: `2026-0${1 + (i % 9)}-1${i % 10}`, themes: i % 2 ? ['email'] : ['email', 'sante'], durationMinutes: 15 + i }))
    }
    await awa.pushAll()
    const fromCounters = await activityReport(server.db, structure.structureId, year)
    // The theme `email` is on every record, so this report counts every record by scanning them.
    const fromRecords = await activityReport(server.db, structure.structureId, { ...year, theme: 'email' })
    expect(fromCounters.stats).toEqual(fromRecords.stats)
    expect(fromCounters.byPerson).toEqual(fromRecords.byPerson)
    expect(fromCounters.stats.activities).toBe(40)
  })
})
