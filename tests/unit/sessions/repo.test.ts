import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, useDatabase } from '@/db/database'
import { outboxSize } from '@/features/sync/outbox'
import {
  countSessionLogsBefore, deleteSessionLog, pageSessionLogs, purgeSessionLogsBefore, saveSessionLog, sessionLogsInPeriod,
} from '@/features/sessions/repo'
import { countWorkshopsBefore, purgeWorkshopsBefore, saveWorkshop } from '@/features/workshops/repo'
import { readActivitySettings, writeActivitySettings } from '@/features/sessions/settingsRepo'
import { DEFAULT_ACTIVITY_SETTINGS } from '@/features/sessions/activitySettings'
import { retentionCutoff } from '@/features/sessions/retention'
import { aSession, aWorkshop } from './builders'

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
    for (const date of dates) await saveSessionLog(aSession({ date }))
    const seen: string[] = []
    let before = null
    for (;;) {
      const page = await pageSessionLogs({ from: '2026-01-01', to: '2026-12-31', before, limit: 3 })
      if (page.length === 0) break
      seen.push(...page.map((l) => l.id))
      const last = page.at(-1)!
      before = { date: last.date, id: last.id }
    }
    expect(seen).toHaveLength(dates.length)
    expect(new Set(seen).size).toBe(dates.length)
    const all = await sessionLogsInPeriod('2026-01-01', '2026-12-31')
    const expected = [...all].sort((a, b) => (a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date))).map((l) => l.id)
    expect(seen).toEqual(expected)
  })

  it('limits a page to the period and the filter, and skips deleted logs', async () => {
    await saveSessionLog(aSession({ date: '2025-12-31' }))
    const kept = await saveSessionLog(aSession({ date: '2026-01-10', outcome: 'non_resolu' }))
    await saveSessionLog(aSession({ date: '2026-01-11', outcome: 'resolu' }))
    const gone = await saveSessionLog(aSession({ date: '2026-01-12', outcome: 'non_resolu' }))
    await deleteSessionLog(gone.id)
    const page = await pageSessionLogs({ from: '2026-01-01', to: '2026-01-31', limit: 50, filter: (l) => l.outcome === 'non_resolu' })
    expect(page.map((l) => l.id)).toEqual([kept.id])
    expect((await sessionLogsInPeriod('2026-01-01', '2026-01-31')).map((l) => l.id)).not.toContain(gone.id)
  })

  it('purges only what is past retention, tombstones included, and queues nothing', async () => {
    const cutoff = retentionCutoff('2026-03-15', 24) // 2024-03-15
    expect(cutoff).toBe('2024-03-15')
    const old = await saveSessionLog(aSession({ date: '2024-03-14' }))
    const oldDeleted = await saveSessionLog(aSession({ date: '2023-06-01' }))
    await deleteSessionLog(oldDeleted.id)
    const boundary = await saveSessionLog(aSession({ date: '2024-03-15' }))
    const recent = await saveSessionLog(aSession({ date: '2026-03-01' }))
    const oldWorkshop = await saveWorkshop(aWorkshop({ date: '2020-01-01' }))
    const newWorkshop = await saveWorkshop(aWorkshop({ date: '2025-01-01' }))
    // Pretend the sync client pushed everything: the outbox is empty.
    await database.outbox.clear()

    expect(await countSessionLogsBefore(cutoff)).toBe(2)
    expect(await countWorkshopsBefore(cutoff)).toBe(1)
    expect(await purgeSessionLogsBefore(cutoff)).toBe(2)
    expect(await purgeWorkshopsBefore(cutoff)).toBe(1)
    const remaining = (await database.table('sessionLogs').toArray()).map((r: { id: string }) => r.id).sort()
    expect(remaining).toEqual([boundary.id, recent.id].sort())
    expect(await database.table('sessionLogs').get(old.id)).toBeUndefined()
    expect(await database.table('workshops').get(oldWorkshop.id)).toBeUndefined()
    expect(await database.table('workshops').get(newWorkshop.id)).toBeDefined()
    expect(await outboxSize()).toBe(0)
  })

  it('keeps an old record that still waits in the outbox', async () => {
    const unsent = await saveSessionLog(aSession({ date: '2020-01-01' }))
    expect(await countSessionLogsBefore('2024-01-01')).toBe(0)
    expect(await purgeSessionLogsBefore('2024-01-01')).toBe(0)
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
