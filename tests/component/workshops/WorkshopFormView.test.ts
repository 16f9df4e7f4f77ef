import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { flushUnsavedInput } from '@/lib/unsaved'
import { freshDatabase, mountAt, settle, until } from '../harness'

vi.mock('@/features/scenarios/catalogueLookup', () => ({
  scenarioThemes: async () => [],
  scenarioMainThemes: async () => [],
  listScenarios: async () => [
    { id: 'allumer-tablette', title: 'Allumer une tablette', minutes: 10, themes: ['prendre_en_main_du_materiel', 'culture_numerique'], mainThemes: ['prendre_en_main_du_materiel'] },
    { id: 'payer-impots', title: 'Payer ses impôts', minutes: 30, themes: ['argent_impots', 'securite_numerique'], mainThemes: ['aide_aux_demarches_administratives', 'argent_impots'] },
    {
      id: 'titre-tres-long',
      title: 'Demander un titre de séjour en ligne sur le site de l’administration numérique pour les étrangers en France',
      minutes: 30,
      themes: ['etrangers_europe'],
      mainThemes: ['aide_aux_demarches_administratives', 'etrangers_europe'],
    },
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

describe('workshop form', () => {
  it('plans a programme from the catalogue and takes its themes', async () => {
    const { wrapper: w, router } = await mountAt({ name: 'workshop-new' })
    wrapper = w
    await w.find('#programme-choice').setValue('payer-impots')
    await w.findAll('button').find((b) => b.text() === 'Ajouter')!.trigger('click')
    await w.find('#programme-choice').setValue('allumer-tablette')
    await w.findAll('button').find((b) => b.text() === 'Ajouter')!.trigger('click')
    expect(w.find('.programme__list').text()).toMatch(/Payer ses impôts[\s\S]*Allumer une tablette/)
    expect(w.find('button.chip[data-value="argent_impots"]').attributes('aria-pressed')).toBe('true')
    expect(w.find('button.chip[data-value="aide_aux_demarches_administratives"]').attributes('aria-pressed')).toBe('true')
    await w.find('form').trigger('submit')
    await until(() => router.currentRoute.value.name === 'workshop-detail')
    const [saved] = await database.table('workshops').toArray()
    expect(saved).toMatchObject({ status: 'planned', programme: ['payer-impots', 'allumer-tablette'], participants: null })
    await until(() => w.text().includes('Prévu'))
    expect(w.text()).toContain('Payer ses impôts')
  })

  it('checks that the breakdowns add up to the participants', async () => {
    const { wrapper: w } = await mountAt({ name: 'workshop-new', query: { log: '1' } })
    wrapper = w
    await w.find('button.chip[data-value="email"]').trigger('click')
    await w.find('button.chip[data-value="90"]').trigger('click')
    await w.find('#workshop-total').setValue('8')
    await w.find('#workshop-already').setValue('9')
    await w.find('#workshop-byGender-feminin').setValue('5')
    await w.find('#workshop-byGender-masculin').setValue('2')
    expect(w.text()).toContain('Total de la répartition : 7 sur 8')
    await w.find('form').trigger('submit')
    await settle()
    expect(w.text()).toContain('La répartition doit faire le total des participants.')
    expect(w.text()).toContain('Ce nombre dépasse le nombre de participants.')
    expect(await database.table('workshops').count()).toBe(0)

    await w.find('#workshop-already').setValue('3')
    await w.find('#workshop-byGender-masculin').setValue('3')
    await w.find('form').trigger('submit')
    await settle()
    const [saved] = await database.table('workshops').toArray()
    expect(saved).toMatchObject({ status: 'held', durationMinutes: 90, participants: { total: 8, alreadyAccompanied: 3, byGender: { feminin: 5, masculin: 3 } } })
  })

  it('keeps a half-filled workshop log as a draft', async () => {
    const { wrapper: w } = await mountAt({ name: 'workshop-new', query: { log: '1' } })
    wrapper = w
    await w.find('#workshop-title').setValue('Atelier impôts en ligne')
    await w.find('#workshop-total').setValue('6')
    await flushUnsavedInput()
    const [draft] = await database.table('drafts').toArray()
    expect(draft).toMatchObject({ kind: 'workshop', values: { status: 'held', title: 'Atelier impôts en ligne', participants: { total: 6 } } })
    w.unmount()
    wrapper = undefined
    // Resumed from the drafts list (no log=1 in the address): still a log, counts included.
    const again = await mountAt({ name: 'workshop-new', query: { draft: draft.id } })
    wrapper = again.wrapper
    expect((again.wrapper.find('#workshop-title').element as HTMLInputElement).value).toBe('Atelier impôts en ligne')
    expect((again.wrapper.find('#workshop-total').element as HTMLInputElement).value).toBe('6')
  })
})
