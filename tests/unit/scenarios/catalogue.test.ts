import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { afterEach, describe, expect, it } from 'vitest'
import { scenarioEntries, scenarioThemes } from '@/features/scenarios/catalogue'
import { matchesFilters, type CatalogueFilters } from '@/features/scenarios/catalogueStore'
import { useContentSource } from '@/features/scenarios/content'
import { ScenarioSchema, type CatalogueEntry } from '@/features/scenarios/format'
import { catalogueEntry } from '../../../scripts/vite-plugin-scenarios'

const base = catalogueEntry(ScenarioSchema.parse(parse(readFileSync(new URL('./fixtures/valid/scenarios/exemple-parcours.yaml', import.meta.url), 'utf8'))))
const other: CatalogueEntry = { ...base, id: 'impots', themes: ['aide_aux_demarches_administratives', 'argent_impots', 'email'], audiences: ['agent'], devices: ['any'], level: 'confident' }
const none: CatalogueFilters = { theme: '', level: '', device: '', audience: '' }

afterEach(() => useContentSource(undefined))

describe('catalogue', () => {
  it('exports the themes of scenarios for the accompaniment log, without duplicates', async () => {
    useContentSource({
      catalogue: async () => [base, other],
      scenario: async () => undefined,
      translation: async () => ({}),
      catalogueTranslation: async () => ({}),
      searchIndex: async () => [],
    })
    expect(await scenarioThemes([base.id, 'impots', 'unknown'])).toEqual(['email', 'prendre_en_main_du_materiel', 'aide_aux_demarches_administratives', 'argent_impots'])
    expect(await scenarioThemes([])).toEqual([])
    expect((await scenarioEntries(['impots', 'x'])).map((e) => e.id)).toEqual(['impots'])
  })

  it('carries the main themes and civic topics in the catalogue entry, never the steps', () => {
    expect(base.mainThemes).toEqual(['email'])
    expect(base.civicTopics).toEqual([])
    expect(Object.keys(base)).not.toContain('steps')
  })

  it('filters by audience in citizen mode and by each filter', () => {
    expect(matchesFilters(other, none, true)).toBe(false)
    expect(matchesFilters(base, none, true)).toBe(true)
    expect(matchesFilters(other, { ...none, device: 'android' }, false)).toBe(true)
    expect(matchesFilters(base, { ...none, device: 'computer' }, false)).toBe(false)
    expect(matchesFilters(other, { ...none, theme: 'argent_impots' }, false)).toBe(true)
    expect(matchesFilters(base, { ...none, level: 'confident' }, false)).toBe(false)
    expect(matchesFilters(base, { ...none, audience: 'workshop' }, false)).toBe(true)
  })
})
