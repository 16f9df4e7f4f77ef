// Dates on receipt: the server refuses an activity that has happened dated after the latest day
// it can be anywhere on Earth, and accepts what a device ahead of UTC (or a few minutes fast)
// accepted; a plan for next year goes through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { latestDateOnEarth } from '../../src/schemas/activity.ts'
import { addDays } from '../../src/lib/dates.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { accompaniment, seedStructure, SimDevice, startSyncServer, workshop, type SyncServer } from './helpers/sync.ts'

describe.each(databaseTargets)('dates of pushed activities on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let device: SimDevice

  beforeEach(async () => {
    database = await target.create()
    server = await startSyncServer(database)
    const structure = await seedStructure(server.db, 'Structure A')
    device = new SimDevice(server.transport, 'A')
    await device.enrol((await structure.newPerson('Awa')).code)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  it('accepts the latest day on Earth, refuses a day after it, and lets a plan be dated next year', async () => {
    const latest = latestDateOnEarth()
    device.put('accompaniments', accompaniment({ date: latest }))
    device.put('accompaniments', accompaniment({ date: addDays(latest, 1) }))
    device.put('workshops', workshop({ status: 'held', date: addDays(latest, 30), durationMinutes: 90, participants: { total: 6, alreadyAccompanied: 0, byGender: null, byAge: null, byStatus: null } }))
    device.put('workshops', workshop({ status: 'planned', date: addDays(latest, 300), participants: null, durationMinutes: null }))
    const { answer } = await device.pushOnce()
    expect(answer?.lastMutationId).toBe(4)
    expect(answer?.rejected).toEqual([
      { id: 2, reason: 'invalid_record: date' },
      { id: 3, reason: 'invalid_record: date' },
    ])
  })
})
