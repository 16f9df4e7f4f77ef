import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { addDays, today } from '@/lib/dates'
import { freshDatabase, mountAt, settle, until } from '../harness'
import { anAccompaniment, aWorkshop } from '../../unit/accompaniments/builders'
import { saveAccompaniment, saveWorkshopRecord } from '../../unit/accompaniments/builders'

vi.mock('@/features/scenarios/catalogueLookup', () => ({ scenarioThemes: async () => [], listScenarios: async () => [], scenarioSteps: async () => null }))

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
})
afterEach(async () => {
  wrapper?.unmount()
  wrapper = undefined
  database.close()
  await database.delete()
})

const items = (w: VueWrapper) => w.findAll('[data-testid="activity-list"] li')

describe('activity list', () => {
  it('lists both kinds newest first, fifty at a time, and filters by outcome', async () => {
    for (let i = 0; i < 54; i++) await saveAccompaniment(anAccompaniment({ date: addDays(today(), -i), outcome: i % 2 ? 'non_resolu' : 'resolu' }))
    await saveWorkshopRecord(aWorkshop({ date: today(), title: 'Atelier du jour' }))
    const { wrapper: w } = await mountAt({ name: 'journal' })
    wrapper = w
    await until(() => items(w).length > 0)
    expect(items(w)).toHaveLength(50)
    expect(items(w)[0]!.text()).toContain('Atelier du jour')
    await w.findAll('button').find((b) => b.text() === 'Afficher plus')!.trigger('click')
    await until(() => items(w).length === 55)
    expect(w.findAll('button').some((b) => b.text() === 'Afficher plus')).toBe(false)
    await w.find('#filter-outcome').setValue('non_resolu')
    await until(() => items(w).length === 27)
    expect(items(w).every((li) => li.text().includes('Non résolu'))).toBe(true)
  })

  it('deletes from the detail screen as a tombstone with a delete entry, and duplicates', async () => {
    const log = await saveAccompaniment(anAccompaniment({ date: today(), notes: 'Aide ameli' }))
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-detail', params: { id: log.id } })
    wrapper = w
    await until(() => w.find('[data-testid="delete"]').exists())
    expect(w.text()).toContain('Aide ameli')
    await w.findAll('a').find((a) => a.text() === 'Dupliquer')!.trigger('click')
    await until(() => router.currentRoute.value.name === 'accompaniment-new' && w.find('#session-notes').exists())
    expect(pressedValues(w)).toEqual(expect.arrayContaining(['email', 'resolu', '30']))
    expect((w.find('#session-notes').element as HTMLTextAreaElement).value).toBe('')
    await router.push({ name: 'accompaniment-detail', params: { id: log.id } })
    await until(() => w.find('[data-testid="delete"]').exists())
    await w.find('[data-testid="delete"]').trigger('click')
    await w.find('[data-testid="confirm-delete"]').trigger('click')
    await until(() => router.currentRoute.value.name === 'journal')
    await settle()
    const stored = await database.table('sessionLogs').get(log.id)
    expect(stored.deletedAt).toEqual(expect.any(String))
    expect((await database.outbox.toArray()).map((e) => e.op)).toEqual(['put', 'delete'])
    expect(w.text()).toContain('Enregistrement supprimé.')
    expect(w.find('[data-testid="activity-list"]').exists()).toBe(false)
  })
})

function pressedValues(w: VueWrapper): string[] {
  return w.findAll('button.chip[aria-pressed="true"]').map((b) => b.attributes('data-value') ?? '')
}
