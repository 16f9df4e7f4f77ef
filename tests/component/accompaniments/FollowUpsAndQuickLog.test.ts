// The quick log (duration, themes and outcome first) and follow-ups: « La personne souhaite un
// suivi » as a list in the journal, closed by the next accompaniment or « Marquer fait ».
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { addDays, today } from '@/lib/dates'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { freshDatabase, mountAt, settle, until } from '../harness'
import { anAccompaniment, saveAccompaniment } from '../../unit/accompaniments/builders'

vi.mock('@/features/scenarios/catalogueLookup', () => ({
  scenarioMainThemes: async () => [],
  scenarioThemes: async () => [],
  listScenarios: async () => [],
  scenarioSteps: async () => null,
}))

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
  localStorage.clear()
})
afterEach(async () => {
  wrapper?.unmount()
  wrapper = undefined
  database.close()
  await database.delete()
})

const chip = (w: VueWrapper, value: string) => w.find(`button.chip[data-value="${value}"]`)

describe('quick log', () => {
  it('puts duration, themes and outcome first, folds the rest, and saves in four taps', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-quick' })
    wrapper = w
    expect(w.find('h1').text()).toBe('Accompagnement rapide')
    const more = w.find('details[data-testid="more-details"]')
    expect(more.exists()).toBe(true)
    expect((more.element as HTMLDetailsElement).open).toBe(false)
    // What a common accompaniment needs is outside the folded part; the rest is inside it.
    for (const id of ['#session-duration', '#session-themes', '#session-outcome']) expect(more.find(id).exists()).toBe(false)
    for (const id of ['#session-date', '#session-equipment', '#session-notes']) expect(more.find(id).exists()).toBe(true)
    await chip(w, '15').trigger('click')
    await chip(w, 'prendre_en_main_du_materiel').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    const logs = await database.table('sessionLogs').toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ date: today(), durationMinutes: 15, themes: ['prendre_en_main_du_materiel'], outcome: 'resolu' })
  })

  it('opens its folded part when an error there is followed from the summary', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-quick' })
    wrapper = w
    await w.find('#session-date').setValue(addDays(today(), 3))
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-testid="error-summary"]').exists())
    const items = w.findAll('[data-testid="error-summary"] li').map((li) => li.text())
    // In the quick log's order: what is on screen first.
    expect(items[0]).toMatch(/^Durée/)
    expect(items.at(-1)).toMatch(/^Date : cette date est dans le futur/)
    await w.find('[data-testid="error-summary"] a[data-field="date"]').trigger('click')
    expect((w.find('details[data-testid="more-details"]').element as HTMLDetailsElement).open).toBe(true)
    expect(document.activeElement).toBe(w.find('#session-date').element)
  })
})

describe('follow-ups', () => {
  it('records a follow-up with a reminder and a day, warning about personal data in the reminder', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    expect(w.find('[data-testid="follow-up-fields"]').exists()).toBe(false)
    await w.find('[data-testid="follow-up"]').setValue(true)
    await w.find('#session-followUpNote').setValue('Rappeler au 06 12 34 56 78')
    expect(w.find('#session-followUpNote-pii').text()).toContain('un numéro de téléphone')
    expect(w.find('#session-followUpNote').attributes('aria-describedby')).toContain('session-followUpNote-pii')
    await w.find('#session-followUpNote').setValue('Dossier APL : revient avec l’avis d’imposition')
    expect(w.find('[data-testid="pii-warning"]').exists()).toBe(false)
    await w.find('#session-followUpDate').setValue(addDays(today(), 7))
    await chip(w, '30').trigger('click')
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    await chip(w, 'logement').trigger('click')
    await chip(w, 'partiellement_resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    const [log] = await database.table('sessionLogs').toArray()
    expect(log).toMatchObject({ followUp: true, followUpNote: 'Dossier APL : revient avec l’avis d’imposition', followUpDate: addDays(today(), 7), followUpDoneOn: null })
    await until(() => w.find('[data-testid="follow-up-open"]').exists())
    expect(w.text()).toContain('Suivi à faire')
  })

  it('clears the reminder and the day when the follow-up is unticked', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('[data-testid="follow-up"]').setValue(true)
    await w.find('#session-followUpNote').setValue('Carte Vitale')
    await w.find('[data-testid="follow-up"]').setValue(false)
    await w.find('[data-testid="follow-up"]').setValue(true)
    expect((w.find('#session-followUpNote').element as HTMLInputElement).value).toBe('')
  })

  it('lists open follow-ups in the journal, whatever the period, and closes one with the next accompaniment', async () => {
    const old = await saveAccompaniment(anAccompaniment({ date: addDays(today(), -200), followUp: true, followUpNote: 'Retraite : relevé de carrière', followUpDate: addDays(today(), -3) }))
    await saveAccompaniment(anAccompaniment({ date: addDays(today(), -2), followUp: true, followUpNote: 'Compte ameli' }))
    await saveAccompaniment(anAccompaniment({ date: addDays(today(), -1), followUp: false }))
    const { wrapper: w, router } = await mountAt({ name: 'journal' })
    wrapper = w
    await until(() => w.find('[data-testid="follow-ups"]').exists())
    const list = () => w.findAll('[data-testid="follow-ups"] li')
    expect(w.find('[data-testid="follow-ups"] h2').text()).toBe('Suivis à faire (2)')
    // The one with an agreed day first, and it is late.
    expect(list()[0]!.text()).toContain('Retraite : relevé de carrière')
    expect(list()[0]!.text()).toContain('date passée')
    expect(list()[1]!.text()).toContain('sans date convenue')
    await list()[0]!.find('[data-testid="follow-up-next"]').trigger('click')
    await until(() => router.currentRoute.value.name === 'accompaniment-new' && w.find('[data-testid="follow-up-of"]').exists())
    expect(router.currentRoute.value.query.followUpOf).toBe(old.id)
    expect(w.find('[data-testid="follow-up-of"]').text()).toContain('Retraite : relevé de carrière')
    await chip(w, '45').trigger('click')
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    await chip(w, 'travail_formation').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    const next = await accompanimentsRepo.get(String(router.currentRoute.value.params.id))
    expect(next).toMatchObject({ followUpOf: old.id, profile: { alreadyAccompanied: true } })
    expect((await accompanimentsRepo.get(old.id))?.followUpDoneOn).toBe(today())
    await router.push({ name: 'journal' })
    await until(() => w.find('[data-testid="follow-ups"] h2').exists() && w.find('[data-testid="follow-ups"] h2').text() === 'Suivis à faire (1)')
    expect(list()[0]!.text()).toContain('Compte ameli')
  })

  it('marks a follow-up done from the accompaniment, which takes it off the list', async () => {
    const log = await saveAccompaniment(anAccompaniment({ date: addDays(today(), -5), followUp: true, followUpNote: 'Chèque énergie' }))
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-detail', params: { id: log.id } })
    wrapper = w
    await until(() => w.find('[data-testid="mark-done"]').exists())
    await w.find('[data-testid="mark-done"]').trigger('click')
    await until(() => !w.find('[data-testid="follow-up-open"]').exists())
    expect(w.text()).toContain(`fait le`)
    expect((await accompanimentsRepo.get(log.id))?.followUpDoneOn).toBe(today())
    // The change travels: an outbox entry for the save and one for marking it done.
    expect(await database.outbox.count()).toBe(2)
    await router.push({ name: 'journal' })
    await settle()
    expect(w.find('[data-testid="follow-ups"]').exists()).toBe(false)
  })
})
