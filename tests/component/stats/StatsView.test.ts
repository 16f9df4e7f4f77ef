import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { addDays, addMonths, startOfMonth, today } from '@/lib/dates'
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

  it('opens « Bilan mensuel » on the last month with activity, and names months in words', async () => {
    const month = addMonths(startOfMonth(today()), -2)
    await saveAccompaniment(anAccompaniment({ date: addDays(month, 9), durationMinutes: 30, themes: ['email'], outcome: 'resolu' }))
    const { wrapper: w } = await mountAt({ name: 'stats' })
    wrapper = w
    await settle()
    await w.findAll('button').find((b) => b.text() === '12 derniers mois')!.trigger('click')
    await settle()
    const link = w.get('[data-testid="monthly-summary"]')
    expect(link.attributes('href')).toBe(`/stats/summary/${month.slice(0, 7)}`)
    const name = new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}T12:00:00Z`))
    expect(link.text()).toContain(name)
    const trend = w.findAll('figure').find((f) => f.find('figcaption').text() === 'Évolution du nombre d’activités')!
    const labels = trend.findAll('table tbody th').map((th) => th.text())
    expect(labels).toContain(name)
    expect(labels.join(' ')).not.toMatch(/\d{4}-\d{2}/)
  })

  it('titles the monthly summary with the month in words', async () => {
    const { wrapper: w } = await mountAt({ name: 'monthly-summary', params: { month: '2026-01' } })
    wrapper = w
    await settle()
    expect(w.get('h1').text()).toBe('Bilan d’activité — janvier 2026')
    expect(w.text()).toContain('Mois précédent · décembre 2025')
  })
})
