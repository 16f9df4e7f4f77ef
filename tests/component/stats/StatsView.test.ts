import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { today } from '@/lib/dates'
import { freshDatabase, mountAt, settle } from '../harness'
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
  database.close()
  await database.delete()
})

describe('statistics screen', () => {
  it('shows this year’s totals and each chart as a table for screen readers', async () => {
    const date = today()
    await saveAccompaniment(anAccompaniment({ date, durationMinutes: 45, themes: ['email', 'sante'], outcome: 'resolu' }))
    await saveAccompaniment(anAccompaniment({ date, durationMinutes: 30, themes: ['sante'], outcome: 'non_resolu' }))
    await saveWorkshopRecord(aWorkshop({ date, durationMinutes: 90, themes: ['email'], participants: { total: 7, alreadyAccompanied: 1, byGender: null, byAge: null, byStatus: null } }))
    const { wrapper: w } = await mountAt({ name: 'stats' })
    wrapper = w
    await settle()
    const totals = w.find('[data-testid="totals"]').text()
    expect(totals).toContain('Activités3')
    expect(totals).toContain('Personnes9')
    expect(totals).toContain('Temps passé2 h 45')
    const themeFigure = w.findAll('figure').find((f) => f.find('figcaption').text() === 'Activités par thématique')!
    const cells = themeFigure.findAll('table tbody tr').map((tr) => tr.text())
    expect(cells).toEqual(['E-mail2', 'Santé2'])
    // The bars are hidden from assistive technology; the table is what they read.
    expect(themeFigure.find('ul').attributes('aria-hidden')).toBe('true')
    expect(themeFigure.find('table').element.parentElement?.className).toBe('visually-hidden')
    await themeFigure.find('button').trigger('click')
    expect(themeFigure.find('ul').exists()).toBe(false)
    expect(themeFigure.find('table').element.parentElement?.className).toBe('chart__table-wrap')
  })
})
