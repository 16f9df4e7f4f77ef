import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, useDatabase } from '@/db/database'
import { outboxSize } from '@/features/sync/outbox'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { workshopsRepo } from '@/features/workshops/repo'
import { readActivitySettings, writeActivitySettings } from '@/features/journal/activitySettings'
import { DEFAULT_ACTIVITY_SETTINGS } from '@/schemas/activitySettings'
import { retentionCutoff } from '@/features/journal/retention'
import { anAccompaniment, aWorkshop, saveAccompaniment, saveWorkshopRecord } from './builders'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-sessions-${Math.random()}`)
  useDatabase(database)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

describe('session log repository', () => {
  it('pages newest first without repeating or skipping a log', async () => {
    const dates = ['2026-01-05', '2026-01-05', '2026-01-06', '2026-02-01', '2026-02-01', '2026-02-01', '2026-03-09']
    for (const date of dates) await saveAccompaniment(anAccompaniment({ date }))
    const seen: string[] = []
    let before = null
    for (;;) {
      const page = await accompanimentsRepo.page({ from: '2026-01-01', to: '2026-12-31', before, limit: 3 })
      if (page.length === 0) break
      seen.push(...page.map((l) => l.id))
      const last = page.at(-1)!
      before = { date: last.date, id: last.id }
    }
    expect(seen).toHaveLength(dates.length)
    expect(new Set(seen).size).toBe(dates.length)
    const all = await accompanimentsRepo.inPeriod('2026-01-01', '2026-12-31')
    const expected = [...all].sort((a, b) => (a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date))).map((l) => l.id)
    expect(seen).toEqual(expected)
  })

  it('limits a page to the period and the filter, and skips deleted logs', async () => {
    await saveAccompaniment(anAccompaniment({ date: '2025-12-31' }))
    const kept = await saveAccompaniment(anAccompaniment({ date: '2026-01-10', outcome: 'non_resolu' }))
    await saveAccompaniment(anAccompaniment({ date: '2026-01-11', outcome: 'resolu' }))
    const gone = await saveAccompaniment(anAccompaniment({ date: '2026-01-12', outcome: 'non_resolu' }))
    await accompanimentsRepo.remove(gone.id)
    const page = await accompanimentsRepo.page({ from: '2026-01-01', to: '2026-01-31', limit: 50, filter: (l) => l.outcome === 'non_resolu' })
    expect(page.map((l) => l.id)).toEqual([kept.id])
    expect((await accompanimentsRepo.inPeriod('2026-01-01', '2026-01-31')).map((l) => l.id)).not.toContain(gone.id)
  })

  it('purges only what is past retention, tombstones included, and queues nothing', async () => {
    const cutoff = retentionCutoff('2026-03-15', 24) // 2024-03-15
    expect(cutoff).toBe('2024-03-15')
    const old = await saveAccompaniment(anAccompaniment({ date: '2024-03-14' }))
    const oldDeleted = await saveAccompaniment(anAccompaniment({ date: '2023-06-01' }))
    await accompanimentsRepo.remove(oldDeleted.id)
    const boundary = await saveAccompaniment(anAccompaniment({ date: '2024-03-15' }))
    const recent = await saveAccompaniment(anAccompaniment({ date: '2026-03-01' }))
    const oldWorkshop = await saveWorkshopRecord(aWorkshop({ date: '2020-01-01' }))
    const newWorkshop = await saveWorkshopRecord(aWorkshop({ date: '2025-01-01' }))
    // Pretend the sync client pushed everything: the outbox is empty.
    await database.outbox.clear()

    expect(await accompanimentsRepo.countBefore(cutoff)).toBe(2)
    expect(await workshopsRepo.countBefore(cutoff)).toBe(1)
    expect(await accompanimentsRepo.purgeBefore(cutoff)).toBe(2)
    expect(await workshopsRepo.purgeBefore(cutoff)).toBe(1)
    const remaining = (await database.table('sessionLogs').toArray()).map((r: { id: string }) => r.id).sort()
    expect(remaining).toEqual([boundary.id, recent.id].sort())
    expect(await database.table('sessionLogs').get(old.id)).toBeUndefined()
    expect(await database.table('workshops').get(oldWorkshop.id)).toBeUndefined()
    expect(await database.table('workshops').get(newWorkshop.id)).toBeDefined()
    expect(await outboxSize()).toBe(0)
  })

  it('keeps an old record that still waits in the outbox', async () => {
    const unsent = await saveAccompaniment(anAccompaniment({ date: '2020-01-01' }))
    expect(await accompanimentsRepo.countBefore('2024-01-01')).toBe(0)
    expect(await accompanimentsRepo.purgeBefore('2024-01-01')).toBe(0)
    expect(await database.table('sessionLogs').get(unsent.id)).toBeDefined()
    expect(await outboxSize()).toBe(1)
  })

  it('stores activity settings and falls back to defaults field by field', async () => {
    expect(await readActivitySettings()).toEqual(DEFAULT_ACTIVITY_SETTINGS)
    await writeActivitySettings({ ...DEFAULT_ACTIVITY_SETTINGS, placeCommune: 'Royan', retentionMonths: 12, csvSeparator: ',' })
    expect(await readActivitySettings()).toMatchObject({ placeCommune: 'Royan', retentionMonths: 12, csvSeparator: ',' })
    await database.meta.put({ key: 'activitySettings', value: { placeCommune: 'Royan', retentionMonths: 'lots' } })
    expect(await readActivitySettings()).toMatchObject({ placeCommune: 'Royan', retentionMonths: 24, placeType: 'lieu_activite' })
  })
})
