import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { writeActivitySettings } from '@/features/journal/activitySettings'
import { DEFAULT_ACTIVITY_SETTINGS } from '@/schemas/activitySettings'
import { today } from '@/lib/dates'
import { flushUnsavedInput } from '@/lib/unsaved'
import { freshDatabase, mountAt, settle, until } from '../harness'
import { anAccompaniment, saveAccompaniment } from '../../unit/accompaniments/builders'
import { accompanimentsRepo } from '@/features/accompaniments/repo'

vi.mock('@/features/scenarios/catalogueLookup', () => ({
  // A scenario about several themes, of which two are its main ones (what a log prefills).
  scenarioMainThemes: async (ids: string[]) => (ids.includes('creer-adresse-mail') ? ['email', 'papiers_elections_citoyennete'] : []),
  scenarioThemes: async (ids: string[]) => (ids.includes('creer-adresse-mail') ? ['email', 'papiers_elections_citoyennete', 'parentalite', 'culture_numerique'] : []),
  listScenarios: async () => [
    { id: 'creer-adresse-mail', title: 'Créer une adresse e-mail', minutes: 20, themes: ['email', 'papiers_elections_citoyennete', 'parentalite', 'culture_numerique'], mainThemes: ['email', 'papiers_elections_citoyennete'] },
  ],
  scenarioSteps: async () => null,
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

const chip = (w: VueWrapper, value: string, scope = '') => w.find(`${scope} button.chip[data-value="${value}"]`)
const pressed = (w: VueWrapper, value: string, scope = '') => chip(w, value, scope).attributes('aria-pressed') === 'true'
const legendGroup = (w: VueWrapper, legend: string) => {
  const fieldset = w.findAll('fieldset').find((f) => f.find('legend').text() === legend)
  if (!fieldset) throw new Error(`no group ${legend}`)
  return fieldset
}

describe('accompaniment form', () => {
  it('defaults to today, the place from settings, and prefills the scenarios and their main themes only, never a duration', async () => {
    await writeActivitySettings({ ...DEFAULT_ACTIVITY_SETTINGS, placeType: 'domicile', placeCommune: 'Rochefort', placePostcode: '17300' })
    // An old link with the minutes spent in the player: they are not the accompaniment's length.
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new', query: { scenarios: 'creer-adresse-mail', minutes: '1' } })
    wrapper = w
    expect((w.find('#session-date').element as HTMLInputElement).value).toBe(today())
    expect(pressed(w, 'domicile')).toBe(true)
    expect((w.find('#session-placeCommune').element as HTMLInputElement).value).toBe('Rochefort')
    expect(w.findAll('.duration button.chip[aria-pressed="true"]')).toHaveLength(0)
    expect(w.text()).toContain('Créer une adresse e-mail')
    expect(pressed(w, 'email')).toBe(true)
    // An administrative theme brings the procedure theme and reveals its fields.
    expect(pressed(w, 'aide_aux_demarches_administratives')).toBe(true)
    expect(w.find('[data-testid="procedure-fields"]').exists()).toBe(true)
    expect(pressed(w, 'papiers_elections_citoyennete')).toBe(true)
    // The scenario's other themes are not ticked: they would distort the statistics.
    expect(pressed(w, 'parentalite') || pressed(w, 'culture_numerique')).toBe(false)
    expect(w.findAll('button.chip[aria-pressed="true"]').map((b) => b.attributes('data-value'))).not.toContain('resolu')
  })

  it('shows translated errors and saves nothing when required fields are missing', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('form').trigger('submit')
    await settle()
    const summary = w.find('[data-testid="error-summary"]')
    expect(summary.exists()).toBe(true)
    // Focused, so a screen reader reads why nothing was saved.
    expect(document.activeElement).toBe(summary.element)
    expect(summary.text()).toContain('Durée : choisissez une durée')
    expect(summary.text()).toContain('Thématiques d’accompagnement : choisissez au moins une thématique.')
    expect(summary.text()).toContain('Résultat : choisissez un résultat.')
    expect(legendGroup(w, 'Résultat').find('.field-error').text()).toContain('Choisissez un résultat.')
    expect(await database.table('sessionLogs').count()).toBe(0)
    expect(await database.outbox.count()).toBe(0)
  })

  it('rejects a malformed postcode with a message next to the field', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await chip(w, '15').trigger('click')
    await chip(w, 'email').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('#session-placePostcode').setValue('173')
    await w.find('form').trigger('submit')
    await settle()
    expect(w.find('#session-placePostcode').attributes('aria-invalid')).toBe('true')
    expect(w.text()).toContain('Le code postal compte 5 chiffres.')
    expect(await database.table('sessionLogs').count()).toBe(0)
  })

  it('toggles chips, and « Pas de matériel » excludes the other equipment', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await chip(w, 'sante').trigger('click')
    expect(pressed(w, 'sante')).toBe(true)
    await chip(w, 'sante').trigger('click')
    expect(pressed(w, 'sante')).toBe(false)
    await chip(w, 'tablette').trigger('click')
    await chip(w, 'telephone').trigger('click')
    expect(pressed(w, 'tablette') && pressed(w, 'telephone')).toBe(true)
    await chip(w, 'aucun').trigger('click')
    expect(pressed(w, 'aucun')).toBe(true)
    expect(pressed(w, 'tablette') || pressed(w, 'telephone')).toBe(false)
  })

  it('reveals the procedure fields with the procedure theme and clears them when it is unticked', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    expect(w.find('[data-testid="procedure-fields"]').exists()).toBe(false)
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    expect(w.find('[data-testid="procedure-fields"]').exists()).toBe(true)
    await chip(w, 'logement').trigger('click')
    await w.find('#session-procedureName').setValue('Demande d’APL')
    await w.find('[data-testid="procedure-fields"] input[type="checkbox"]').setValue(true)
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    expect(w.find('[data-testid="procedure-fields"]').exists()).toBe(false)
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    expect(pressed(w, 'logement')).toBe(false)
    expect((w.find('#session-procedureName').element as HTMLInputElement).value).toBe('')
    expect((w.find('[data-testid="procedure-fields"] input[type="checkbox"]').element as HTMLInputElement).checked).toBe(false)
  })

  it('warns, without blocking, about an email, a phone number or a social security number in notes', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await chip(w, '30').trigger('click')
    const notes = w.find('#session-notes')
    await notes.setValue('A appelé pour un rendez-vous')
    expect(w.find('[data-testid="pii-warning"]').exists()).toBe(false)
    await notes.setValue('écrire à marie.curie@example.fr ou 06 12 34 56 78, NIR 2 85 05 78 006 084 36')
    const warning = w.find('[data-testid="pii-warning"]')
    expect(warning.text()).toContain('une adresse e-mail')
    expect(warning.text()).toContain('un numéro de téléphone')
    expect(warning.text()).toContain('un numéro de sécurité sociale')
    expect(notes.attributes('aria-describedby')).toContain('session-notes-pii')
    await chip(w, 'email').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await w.find('form').trigger('submit')
    await settle()
    expect(await database.table('sessionLogs').count()).toBe(1)
  })

  it('saves the log with its outbox entry, deletes its draft, and shows it saved', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new', query: { scenarios: 'creer-adresse-mail' } })
    wrapper = w
    await chip(w, '30').trigger('click')
    await chip(w, 'resolu').trigger('click')
    await chip(w, 'autonome').trigger('click')
    await chip(w, 'papiers_elections_citoyennete').trigger('click') // not needed for this case
    await chip(w, 'aide_aux_demarches_administratives').trigger('click')
    await flushUnsavedInput()
    expect(await database.table('drafts').count()).toBe(1)
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    await until(() => w.find('[data-testid="saved-status"]').text().includes('Enregistré'))
    const logs = await database.table('sessionLogs').toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ durationMinutes: 30, scenarioIds: ['creer-adresse-mail'], themes: ['email'], adminThemes: [], outcome: 'resolu', autonomy: 'autonome' })
    expect(await database.outbox.count()).toBe(1)
    expect(await database.table('drafts').count()).toBe(0)
    expect(router.currentRoute.value.name).toBe('accompaniment-detail')
    expect(w.find('[data-testid="saved-status"]').text()).toContain('Enregistré')
  })

  it('keeps typing in a draft and resumes it', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('#session-notes').setValue('Mot de passe oublié')
    await flushUnsavedInput()
    const drafts = await database.table('drafts').toArray()
    expect(drafts).toHaveLength(1)
    expect(drafts[0].values.notes).toBe('Mot de passe oublié')
    await settle()
    expect(router.currentRoute.value.query.draft).toBe(drafts[0].id)
    w.unmount()
    wrapper = undefined
    const again = await mountAt({ name: 'accompaniment-new', query: { draft: drafts[0].id } })
    wrapper = again.wrapper
    expect((again.wrapper.find('#session-notes').element as HTMLTextAreaElement).value).toBe('Mot de passe oublié')
  })

  it('keeps a change typed just before a refused save in the draft', async () => {
    const { wrapper: w } = await mountAt({ name: 'accompaniment-new' })
    wrapper = w
    await w.find('#session-notes').setValue('Dossier retraite')
    // « Enregistrer » at once: well inside the draft's debounce, and the form is incomplete.
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-testid="error-summary"]').exists())
    await settle()
    const drafts = await database.table('drafts').toArray()
    expect(drafts).toHaveLength(1)
    expect(drafts[0].values.notes).toBe('Dossier retraite')
    expect(await database.outbox.count()).toBe(0)
  })

  it('says the storage is full, writes nothing and keeps what was typed', async () => {
    const log = await saveAccompaniment(anAccompaniment({ notes: 'avant' }))
    const { wrapper: w } = await mountAt({ name: 'accompaniment-edit', params: { id: log.id } })
    wrapper = w
    await w.find('#session-notes').setValue('après')
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    database.outbox.hook('creating', quota)
    database.table('drafts').hook('creating', quota)
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-testid="save-status"]').text().includes('Plus de place'))
    expect(w.find('[data-testid="save-status"]').text()).toContain('Libérez de l’espace')
    expect((await accompanimentsRepo.get(log.id))?.notes).toBe('avant')
    expect(await database.outbox.count()).toBe(1)
    expect((w.find('#session-notes').element as HTMLTextAreaElement).value).toBe('après')
  })

  it('offers to save a draft as new when its record was deleted meanwhile', async () => {
    const log = await saveAccompaniment(anAccompaniment())
    await database.table('drafts').put({ id: 'D1', kind: 'accompaniment', recordId: log.id, values: { notes: 'suite' }, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })
    // Deleting removes the record's drafts: put one back as if written by another tab.
    await accompanimentsRepo.remove(log.id)
    await database.table('drafts').put({ id: 'D1', kind: 'accompaniment', recordId: log.id, values: { ...anAccompaniment(), notes: 'suite' }, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })
    const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new', query: { draft: 'D1' } })
    wrapper = w
    await until(() => w.find('[data-testid="save-as-new"]').exists())
    await w.find('[data-testid="save-as-new"]').trigger('click')
    await until(() => router.currentRoute.value.name === 'accompaniment-detail')
    expect(router.currentRoute.value.params.id).not.toBe(log.id)
    expect((await accompanimentsRepo.get(String(router.currentRoute.value.params.id)))?.notes).toBe('suite')
  })
})
