import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, useDatabase } from '@/db/database'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { workshopsRepo } from '@/features/workshops/repo'
import { computeStats, statsFromDays } from '@/lib/activityStats'
import { ensureActivityDays, readActivityDays, rebuildActivityDays } from '@/features/journal/days'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'
import { anAccompaniment, aWorkshop, saveAccompaniment, saveWorkshopRecord } from '../accompaniments/builders'
import { random } from '../accompaniments/generate'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-days-${Math.random()}`)
  useDatabase(database)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

const period = { from: '2025-01-01', to: '2026-12-31', granularity: 'month' as const }
const sortDays = (d: { date: string }[]) => [...d].sort((a, b) => a.date.localeCompare(b.date))

async function fromRecords() {
  const sessions = await database.table<Accompaniment>('sessionLogs').toArray()
  const workshops = await database.table<Workshop>('workshops').toArray()
  return computeStats(sessions, workshops, period)
}

describe('per-day statistics counters', () => {
  it('follow every save, edit, move to another day, delete and purge', async () => {
    const rnd = random(5)
    const dates = ['2025-03-01', '2025-03-02', '2025-06-30', '2026-01-15']
    const ids: string[] = []
    const workshopIds: string[] = []
    for (let i = 0; i < 60; i++) {
      const date = dates[Math.floor(rnd() * dates.length)]!
      const step = rnd()
      if (step < 0.45 || ids.length === 0) {
        ids.push((await saveAccompaniment(anAccompaniment({ date, durationMinutes: 15 + Math.floor(rnd() * 60), outcome: rnd() < 0.5 ? 'resolu' : 'non_resolu' }))).id)
      } else if (step < 0.65) {
        const id = ids[Math.floor(rnd() * ids.length)]!
        await saveAccompaniment(anAccompaniment({ date, themes: ['sante', 'email'], profile: { ...anAccompaniment().profile, ageBracket: 'soixante_dix_plus' } }), { id }).catch(() => undefined)
      } else if (step < 0.75) {
        await accompanimentsRepo.remove(ids[Math.floor(rnd() * ids.length)]!)
      } else if (step < 0.9) {
        const planned = rnd() < 0.3
        workshopIds.push((await saveWorkshopRecord(aWorkshop({ date, status: planned ? 'planned' : 'held', participants: planned ? null : aWorkshop().participants }))).id)
      } else if (workshopIds.length) {
        await workshopsRepo.remove(workshopIds[Math.floor(rnd() * workshopIds.length)]!)
      }
    }
    expect(statsFromDays(await readActivityDays(period.from, period.to), period)).toEqual(await fromRecords())

    await database.outbox.clear()
    await accompanimentsRepo.purgeBefore('2025-06-01')
    expect(statsFromDays(await readActivityDays(period.from, period.to), period)).toEqual(await fromRecords())
    const kept = sortDays(await readActivityDays(period.from, period.to))
    await rebuildActivityDays()
    expect(sortDays(await readActivityDays(period.from, period.to))).toEqual(kept)
  })

  it('stay unchanged when the write fails', async () => {
    await saveAccompaniment(anAccompaniment({ date: '2026-02-02' }))
    const before = await readActivityDays(period.from, period.to)
    database.outbox.hook('creating', () => {
      throw new Error('injected')
    })
    await expect(saveAccompaniment(anAccompaniment({ date: '2026-02-02' }))).rejects.toThrow('injected')
    expect(await readActivityDays(period.from, period.to)).toEqual(before)
  })

  it('are rebuilt from the records when they were never made', async () => {
    await database.table('sessionLogs').put({ ...anAccompaniment({ date: '2026-04-01' }), id: '01J0000000000000000000000A', structureId: null, authorId: 'x', createdAt: '2026-04-01T10:00:00.000Z', updatedAt: '2026-04-01T10:00:00.000Z', deletedAt: null, rev: null, kind: 'individuel' })
    expect(await readActivityDays(period.from, period.to)).toEqual([])
    await ensureActivityDays()
    expect(statsFromDays(await readActivityDays(period.from, period.to), period).activities).toBe(1)
  })
})
