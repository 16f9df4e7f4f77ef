// A linked device purges what is past its structure's retention period once a day, and again
// when the structure changes the period; an unlinked device never purges by itself, and an
// unsent record is never purged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, useDatabase } from '@/db/database'
import { saveEnrolment, updateEnrolment } from '@/features/sync/repo'
import { purgeIfDue } from '@/features/journal/dailyPurge'
import { anAccompaniment, saveAccompaniment } from '../accompaniments/builders'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-daily-purge-${Math.random()}`)
  useDatabase(database)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

const enrolment = (retentionMonths: number) => ({
  token: `S1.D1.${'x'.repeat(43)}`,
  deviceId: 'D1',
  structureId: 'S1',
  structureName: 'Médiathèque',
  retentionMonths,
  userId: 'U1',
  role: 'agent' as const,
  displayName: 'Awa',
  enrolledAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
})

describe('daily purge on a linked device', () => {
  it('removes sent records past the structure’s period once a day, and again when the period changes', async () => {
    const old = await saveAccompaniment(anAccompaniment({ date: '2026-01-10' }))
    const recent = await saveAccompaniment(anAccompaniment({ date: '2026-06-10' }))
    const unsent = await saveAccompaniment(anAccompaniment({ date: '2026-01-11' }))
    // Everything but `unsent` has reached the server.
    await database.outbox.filter((e) => e.recordId === old.id || e.recordId === recent.id).delete()

    expect(await purgeIfDue('2026-12-01')).toBeNull() // not linked: nothing by itself
    await saveEnrolment(enrolment(12))
    expect(await purgeIfDue('2026-12-01')).toMatchObject({ accompaniments: 0 })
    expect(await purgeIfDue('2026-12-01')).toBeNull() // already done today

    await updateEnrolment({ retentionMonths: 6 })
    expect(await purgeIfDue('2026-12-01')).toMatchObject({ cutoff: '2026-06-01', accompaniments: 1 })
    const left = (await database.table('sessionLogs').toArray()).map((r: { id: string }) => r.id).sort()
    expect(left).toEqual([recent.id, unsent.id].sort())
    expect(await purgeIfDue('2026-12-02')).toMatchObject({ accompaniments: 0 })
  })
})
