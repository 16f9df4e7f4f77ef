// Planning and logging workshops (issue 16): main themes only from the programme, « Lieu de
// l'atelier », a plan without its administrative sub-theme, a plan for next week not logged as
// held today without a word, errors linked to their field, every plan on the agenda by its own
// date, and a missing workshop with a heading.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { addDays, addMonths, today } from '@/lib/dates'
import { freshDatabase, mountAt, until } from '../harness'
import { aWorkshop, saveWorkshopRecord } from '../../unit/accompaniments/builders'

vi.mock('@/features/scenarios/catalogueLookup', () => ({
  scenarioThemes: async () => [],
  scenarioMainThemes: async () => [],
  listScenarios: async () => [
    { id: 'allumer-tablette', title: 'Allumer une tablette', minutes: 10, themes: ['prendre_en_main_du_materiel', 'culture_numerique', 'parentalite'], mainThemes: ['prendre_en_main_du_materiel'] },
  ],
  scenarioSteps: async () => null,
  scenarioNotes: async () => ({}),
}))

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

const chip = (w: VueWrapper, value: string) => w.find(`button.chip[data-value="${value}"]`)
const pressed = (w: VueWrapper, value: string) => chip(w, value).attributes('aria-pressed') === 'true'
const summary = (w: VueWrapper) => w.find('[data-testid="error-summary"]')

describe('planning a workshop', () => {
  it('ticks only the main themes of a scenario added to the programme', async () => {
    const { wrapper: w } = await mountAt({ name: 'workshop-new' })
    wrapper = w
    await until(() => w.find('#programme-choice').exists())
    await w.find('#programme-choice').setValue('allumer-tablette')
    await w.findAll('button').find((b) => b.text() === 'Ajouter')!.trigger('click')
    expect(pressed(w, 'prendre_en_main_du_materiel')).toBe(true)
    expect(pressed(w, 'culture_numerique') || pressed(w, 'parentalite')).toBe(false)
  })

  it('names its place « Lieu de l’atelier » and saves a plan without the administrative sub-theme', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'workshop-new' })
    wrapper = w
    const legend = w.find('#workshop-placeType legend').text()
    expect(legend).toBe('Lieu de l’atelier')
    expect(w.text()).not.toContain('Lieu de l’accompagnement')
    await w.find('#workshop-date').setValue(addDays(today(), 10))
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'workshop-detail')
    const [saved] = await database.table('workshops').toArray()
    expect(saved).toMatchObject({ status: 'planned', date: addDays(today(), 10), themes: ['aide_aux_demarches_administratives'], adminThemes: [] })
  })
})

describe('logging a planned workshop', () => {
  it('asks when a workshop planned for next week was held, refuses the future day, and logs it today when told', async () => {
    const plan = await saveWorkshopRecord(aWorkshop({ status: 'planned', date: addDays(today(), 7), participants: null, durationMinutes: null }))
    const { wrapper: w, router } = await mountAt({ name: 'workshop-edit', params: { id: plan.id }, query: { log: '1' } })
    wrapper = w
    await until(() => w.find('[data-testid="held-date-question"]').exists())
    expect(w.find('[data-testid="held-date-question"]').text()).toContain('pas encore arrivé')
    expect(w.find('label[for="workshop-date"]').text()).toBe('Date à laquelle l’atelier a eu lieu')
    await w.find('form').trigger('submit')
    await until(() => summary(w).exists())
    expect(summary(w).text()).toContain('Date à laquelle l’atelier a eu lieu : un atelier qui a eu lieu ne peut pas être daté dans le futur')
    expect((await database.table('workshops').get(plan.id)).status).toBe('planned')
    await w.find('[data-testid="held-today"]').trigger('click')
    expect((w.find('#workshop-date').element as HTMLInputElement).value).toBe(today())
    await chip(w, '90').trigger('click')
    await w.find('#workshop-total').setValue('6')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'workshop-detail')
    expect(await database.table('workshops').get(plan.id)).toMatchObject({ status: 'held', date: today() })
  })

  it('links the breakdown error to its counts, next to the summary, and focuses them', async () => {
    const { wrapper: w } = await mountAt({ name: 'workshop-new', query: { log: '1' } })
    wrapper = w
    await chip(w, 'email').trigger('click')
    await chip(w, '90').trigger('click')
    await w.find('#workshop-total').setValue('8')
    await w.find('#workshop-byAge-soixante_dix_plus').setValue('5')
    await w.find('form').trigger('submit')
    await until(() => summary(w).exists())
    const link = summary(w).find('a[data-field="participants.byAge"]')
    expect(link.text()).toBe('Répartition par tranche d’âge (facultatif) : la répartition doit faire le total des participants.')
    const details = w.find('#workshop-byAge').element as HTMLDetailsElement
    // The message sits at the top of its section, right under the section's title.
    expect(w.find('#workshop-byAge > summary + .field-error').exists()).toBe(true)
    details.open = false
    await link.trigger('click')
    expect(details.open).toBe(true)
    expect(document.activeElement).toBe(w.find('#workshop-byAge input').element)
  })
})

describe('the agenda', () => {
  it('lists every planned workshop by its own date: next year, and one past its day not logged yet', async () => {
    await saveWorkshopRecord(aWorkshop({ status: 'planned', title: 'Dans quatorze mois', date: addMonths(today(), 14), participants: null, durationMinutes: null }))
    await saveWorkshopRecord(aWorkshop({ status: 'planned', title: 'Il y a cinq semaines', date: addDays(today(), -35), participants: null, durationMinutes: null }))
    await saveWorkshopRecord(aWorkshop({ status: 'held', title: 'Déjà tenu', date: addDays(today(), -2) }))
    const { wrapper: w } = await mountAt({ name: 'workshops' })
    wrapper = w
    await until(() => w.find('[data-testid="planned-workshops"]').exists())
    expect(w.find('[data-testid="planned-workshops"]').text()).toContain('Dans quatorze mois')
    expect(w.find('[data-testid="overdue-workshops"]').text()).toContain('Il y a cinq semaines')
    expect(w.text()).not.toContain('Déjà tenu')
  })

  it('shows a heading and a way back for a workshop that is not on the device', async () => {
    const { wrapper: w } = await mountAt({ name: 'workshop-detail', params: { id: '01JD0000000000000000000000' } })
    wrapper = w
    await until(() => w.find('h1').text() === 'Atelier introuvable')
    expect(w.text()).toContain('Retour aux ateliers')
    w.unmount()
    const again = await mountAt({ name: 'workshop-edit', params: { id: '01JD0000000000000000000000' } })
    wrapper = again.wrapper
    await until(() => again.wrapper.find('h1').text() === 'Atelier introuvable')
  })
})
