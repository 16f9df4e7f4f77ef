// The accompaniment form's rules a new user hit (issue 16): every error at once, named and linked;
// dates in the future refused and old ones warned about; long notes refused, never cut; the
// draft's id never leaking into the next page; a missing record with a heading; the timer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { addDays, today } from '@/lib/dates'
import { flushUnsavedInput } from '@/lib/unsaved'
import { TIMER_KEY } from '@/features/accompaniments/timer'
import { freshDatabase, mountAt, settle, until } from '../harness'

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
const summary = (w: VueWrapper) => w.find('[data-testid="error-summary"]')

describe('accompaniment form: errors', () => {
  it('shows every error at once, the procedure sub-theme included, each naming its field', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    await w.find('#session-notes').setValue('x'.repeat(4001))
    await w.find('form').trigger('submit')
    await until(() => summary(w).exists())
    const items = summary(w).findAll('li').map((li) => li.text())
    expect(items).toEqual([
      'Durée : choisissez une durée (entre 1 minute et 23 h 59).',
      'Thématiques de la démarche administrative : choisissez au moins une thématique de démarche administrative.',
      'Résultat : choisissez un résultat.',
      'Notes : les notes dépassent 4 000 caractères : raccourcissez-les (rien n’a été coupé).',
    ])
    expect(await database.table('sessionLogs').count()).toBe(0)
  })

  it('links each error of the summary to its field and focuses it, opening a folded section', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('#session-residencePostcode').setValue('173')
    await w.find('form').trigger('submit')
    await until(() => summary(w).exists())
    const link = (path: string) => summary(w).find(`a[data-field="${path}"]`)
    expect(link('outcome').attributes('href')).toBe('#session-outcome')
    await link('outcome').trigger('click')
    expect(document.activeElement).toBe(w.find('#session-outcome button.chip').element)
    const profile = w.find('#session-residencePostcode').element.closest('details') as HTMLDetailsElement
    profile.open = false
    await link('profile.residencePostcode').trigger('click')
    expect(profile.open).toBe(true)
    expect(document.activeElement).toBe(w.find('#session-residencePostcode').element)
    expect(link('profile.residencePostcode').text()).toBe('Code postal de résidence : le code postal compte 5 chiffres.')
  })
})

describe('accompaniment form: dates', () => {
  it('refuses a date in the future with a message on the date, and saves nothing', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    expect(w.find('#session-date').attributes('max')).toBe(today())
    await w.find('#session-date').setValue(addDays(today(), 400))
    await chip(w, '30').trigger('click')
    await chip(w, 'email').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => summary(w).exists())
    expect(summary(w).text()).toContain('Date : cette date est dans le futur')
    expect(w.find('#session-date').attributes('aria-invalid')).toBe('true')
    expect(await database.table('sessionLogs').count()).toBe(0)
  })

  it('warns, without refusing, about a date older than the retention period', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('#session-date').setValue('1999-05-03')
    await settle()
    expect(w.find('[data-testid="date-notice"]').text()).toContain('antérieure à la durée de conservation de cet appareil (24 mois)')
    await w.find('#session-date').setValue(today())
    expect(w.find('[data-testid="date-notice"]').exists()).toBe(false)
    await w.find('#session-date').setValue('1999-05-03')
    await chip(w, '30').trigger('click')
    await chip(w, 'email').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    expect(await database.table('sessionLogs').count()).toBe(1)
  })
})

describe('accompaniment form: durations', () => {
  it('accepts up to 23 h 59 (the national range) and asks to check a duration over 4 hours', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await chip(w, 'custom').trigger('click')
    await w.find('#session-hours').setValue('23')
    await w.find('#session-minutes').setValue('59')
    expect(w.find('[data-testid="duration-notice"]').text()).toContain('23h59 pour un seul accompagnement : vérifiez la durée')
    // The picker cannot go past the range: 24 hours stays 23.
    await w.find('#session-hours').setValue('24')
    await settle()
    expect(w.find('[data-testid="duration-notice"]').text()).toMatch(/^23h59 /)
    await chip(w, '90').trigger('click')
    expect(w.find('[data-testid="duration-notice"]').exists()).toBe(false)
    await chip(w, 'email').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    const [log] = await database.table('sessionLogs').toArray()
    expect(log.durationMinutes).toBe(90)
  })
})

describe('accompaniment form: long notes', () => {
  it('counts 10,590 pasted characters, refuses them with a message naming the notes, and cuts nothing', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    const pasted = 'Dossier de retraite complexe. '.repeat(353).slice(0, 10_590)
    await w.find('#session-notes').setValue(pasted)
    expect(w.find('[data-testid="notes-count"]').text()).toBe('10590 / 4000 caractères')
    expect(w.find('[data-testid="notes-count"]').classes()).toContain('field-error')
    await chip(w, '30').trigger('click')
    await chip(w, 'email').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await until(() => summary(w).exists())
    expect(summary(w).text()).toContain('Notes : les notes dépassent 4 000 caractères')
    expect((w.find('#session-notes').element as HTMLTextAreaElement).value).toHaveLength(10_590)
    expect(await database.table('sessionLogs').count()).toBe(0)
    const [draft] = await database.table('drafts').toArray()
    expect(draft.values.notes).toHaveLength(10_590)
  })
})

describe('accompaniment form: leaving and missing records', () => {
  it('never puts the draft of a form left mid-edit into the next page’s address', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('#session-notes').setValue('Mot de passe')
    // Left inside the debounce: the draft's first write happens on the way out.
    await router.push({ name: 'journal' })
    await settle()
    await flushUnsavedInput()
    await settle()
    expect(await database.table('drafts').count()).toBe(1)
    expect(router.currentRoute.value.name).toBe('journal')
    expect(router.currentRoute.value.query).toEqual({})
  })

  it('shows a heading and a way back for an accompaniment that is not on the device', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-detail', params: { id: '01JD0000000000000000000000' } })
    wrapper = w
    await until(() => w.find('h1').text() === 'Accompagnement introuvable')
    expect(w.text()).toContain('Retour au journal')
    w.unmount()
    const again = await mountAt({ name: 'accompaniment-edit', params: { id: '01JD0000000000000000000000' } })
    wrapper = again.wrapper
    await until(() => again.wrapper.find('h1').text() === 'Accompagnement introuvable')
  })
})

describe('accompaniment form: timer', () => {
  it('starts a timer kept across a reload, and takes the duration from it when none was chosen', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('[data-testid="timer-start"]').trigger('click')
    expect(localStorage.getItem(TIMER_KEY)).not.toBeNull()
    w.unmount()
    // As if the person sat down 25 minutes ago, and the page was reloaded since.
    localStorage.setItem(TIMER_KEY, new Date(Date.now() - 25 * 60_000).toISOString())
    const again = await mountAt({ name: 'accompaniment-new' })
    wrapper = again.wrapper
    expect(again.wrapper.find('[data-testid="timer-running"]').text()).toBe('Chronomètre en marche : 25 min')
    await chip(again.wrapper, 'email').trigger('click')
    await chip(again.wrapper, 'resolu').trigger('click')
    await again.wrapper.find('form').trigger('submit')
    await until(() => again.router.currentRoute.value.name === 'accompaniment-detail')
    const [log] = await database.table('sessionLogs').toArray()
    expect(log.durationMinutes).toBe(25)
    // The next accompaniment starts from zero.
    expect(localStorage.getItem(TIMER_KEY)).toBeNull()
    void router
  })

  it('reports the timer’s minutes into the duration on « Arrêter »', async () => {
    localStorage.setItem(TIMER_KEY, new Date(Date.now() - 47 * 60_000).toISOString())
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('[data-testid="timer-stop"]').trigger('click')
    await settle()
    expect((w.find('#session-hours').element as HTMLInputElement).value).toBe('0')
    expect((w.find('#session-minutes').element as HTMLInputElement).value).toBe('47')
    expect(localStorage.getItem(TIMER_KEY)).toBeNull()
  })
})
