// The catalogue: search, filters, citizen mode, recently used.
import type { TranslationStatus } from '@/features/scenarios/translations'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import CatalogueView from '@/features/scenarios/CatalogueView.vue'
import { saveProgress } from '@/features/scenarios/repo'
import type { Scenario } from '@/features/scenarios/format'
import { mountWithApp } from '../../support/mount'
import { SCENARIO_ID, fixtureContent, freshScenarioWorld, setPreferences } from './support'

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/** The fixture plus an agent-only security scenario about taxes. */
function withSecondScenario() {
  return fixtureContent((content) => {
    const base = content.scenarios[0] as Scenario
    content.scenarios.push({
      ...base,
      id: 'securite-impots',
      title: 'Sécuriser son espace impôts',
      summary: 'Changer son mot de passe sur le site des impôts.',
      keywords: [],
      audiences: ['agent', 'workshop'],
      level: 'intermediate',
      themes: ['securite_numerique', 'aide_aux_demarches_administratives', 'argent_impots'],
      devices: ['computer'],
      steps: [{ id: 'fin', title: 'Votre compte est en sécurité', body: 'Votre mot de passe est changé sur impots.gouv.fr.', easyRead: 'Votre mot de passe est changé.', outcome: 'done' }],
    })
  })
}

const cards = (wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper']) =>
  wrapper.findAll('[data-testid=results] [data-scenario]').map((card) => card.attributes('data-scenario'))

let mounted: Awaited<ReturnType<typeof mountWithApp>> | undefined

beforeEach(() => setPreferences({ mode: 'agent' }))
afterEach(() => {
  mounted?.wrapper.unmount()
  localStorage.clear()
})

describe('scenario catalogue', () => {
  it('lists every scenario as a big card linking to it', async () => {
    freshScenarioWorld(withSecondScenario())
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    expect(cards(mounted.wrapper)).toEqual([SCENARIO_ID, 'securite-impots'])
    expect(mounted.wrapper.get(`[data-scenario=${SCENARIO_ID}]`).attributes('href')).toBe(`/scenarios/${SCENARIO_ID}`)
    expect(mounted.wrapper.get('[data-testid=result-count]').text()).toBe('2 parcours')
  })

  it.each([
    ['securite', ['securite-impots']],
    ['IMPOT', ['securite-impots']],
    ['mel', [SCENARIO_ID]],
    ['mail', [SCENARIO_ID]],
    ['marche/arret', [SCENARIO_ID]],
    ['zzz', []],
  ])('searching "%s" finds %j', async (query, expected) => {
    freshScenarioWorld(withSecondScenario())
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    await mounted.wrapper.get('[data-testid=search]').setValue(query)
    expect(cards(mounted.wrapper)).toEqual(expected)
    if (expected.length === 0) expect(mounted.wrapper.text()).toContain('Aucun parcours ne correspond')
  })

  it('filters by theme, level, device and audience', async () => {
    freshScenarioWorld(withSecondScenario())
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    const { wrapper } = mounted
    await wrapper.get('#filter-theme').setValue('email')
    expect(cards(wrapper)).toEqual([SCENARIO_ID])
    await wrapper.get('#filter-theme').setValue('')
    await wrapper.get('#filter-level').setValue('intermediate')
    expect(cards(wrapper)).toEqual(['securite-impots'])
    await wrapper.get('#filter-level').setValue('')
    await wrapper.get('#filter-device').setValue('android')
    expect(cards(wrapper)).toEqual([SCENARIO_ID])
    await wrapper.get('#filter-device').setValue('')
    await wrapper.get('#filter-audience').setValue('self')
    expect(cards(wrapper)).toEqual([SCENARIO_ID])
    expect(wrapper.get('#filter-theme').findAll('option').map((o) => o.text())).toContain('Prévention en sécurité numérique')
  })

  it('folds the filters away under one button, saying how many are on', async () => {
    freshScenarioWorld(withSecondScenario())
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    const { wrapper } = mounted
    const filters = wrapper.get('details[data-testid=filters]')
    expect((filters.element as HTMLDetailsElement).open).toBe(false)
    expect(filters.get('summary').text()).toBe('Filtrer')
    await wrapper.get('[data-testid=search]').setValue('impots')
    // Typing leaves the filters folded: the results follow the search box.
    expect((filters.element as HTMLDetailsElement).open).toBe(false)
    expect(cards(wrapper)).toEqual(['securite-impots'])
    await wrapper.get('#filter-level').setValue('intermediate')
    expect(filters.get('summary').text()).toBe('Filtrer · 1 filtre actif')
  })

  it('shows only self-guided scenarios in citizen mode', async () => {
    setPreferences({ mode: 'citizen' })
    freshScenarioWorld(withSecondScenario())
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    expect(cards(mounted.wrapper)).toEqual([SCENARIO_ID])
    await mounted.wrapper.get('[data-testid=search]').setValue('impots')
    expect(cards(mounted.wrapper)).toEqual([])
    expect(mounted.wrapper.find('#filter-audience').exists()).toBe(false)
  })

  it('puts recently used scenarios first, with their state', async () => {
    freshScenarioWorld(withSecondScenario())
    const at = new Date().toISOString()
    await saveProgress({ scenarioId: SCENARIO_ID, scenarioVersion: 1, currentStepId: 'ouvrir', history: ['allumer', 'ouvrir'], answers: {}, stuck: false, startedAt: at, updatedAt: at, finishedAt: null, outcome: null, activeSeconds: 60 })
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    const recent = mounted.wrapper.get('.recent')
    expect(recent.text()).toContain('Utilisés récemment')
    expect(recent.findAll('[data-scenario]').map((c) => c.attributes('data-scenario'))).toEqual([SCENARIO_ID])
    expect(recent.text()).toContain('En cours')
  })

  it('shows translated titles, marked with their language', async () => {
    setPreferences({ mode: 'agent', locale: 'en' })
    freshScenarioWorld()
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    const title = mounted.wrapper.get(`[data-scenario=${SCENARIO_ID}] .title`)
    expect(title.text()).toBe('Open your mailbox on your phone')
    expect(title.attributes('lang')).toBe('en')
  })

  it('keeps a card in one language: French whole when its summary is not translated', async () => {
    setPreferences({ mode: 'agent', locale: 'ar' })
    freshScenarioWorld(
      fixtureContent((content) => {
        // An Arabic title without an Arabic summary.
        content.translations.set('ar', new Map([[SCENARIO_ID, { ...(content.translations.get('en')?.get(SCENARIO_ID) as TranslationStatus), strings: { title: 'افتح بريدك على الهاتف' } }]]))
      }),
    )
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    const card = mounted.wrapper.get(`[data-scenario=${SCENARIO_ID}]`)
    expect(card.get('.title').text()).toBe('Ouvrir sa messagerie sur le téléphone')
    expect([card.get('.title').attributes('lang'), card.get('.summary').attributes('lang')]).toEqual(['fr', 'fr'])
    expect(card.get('.title').attributes('dir')).toBe('ltr')
  })

  it('searches the words of the interface language', async () => {
    setPreferences({ mode: 'agent', locale: 'en' })
    freshScenarioWorld()
    mounted = await mountWithApp(CatalogueView, { path: '/scenarios' })
    await settle()
    await mounted.wrapper.get('[data-testid=search]').setValue('inbox')
    await settle()
    expect(mounted.wrapper.findAll('[data-testid=results] [data-scenario]').map((c) => c.attributes('data-scenario'))).toEqual([SCENARIO_ID])
  })
})
