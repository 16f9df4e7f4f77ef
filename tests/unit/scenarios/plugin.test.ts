// The Vite plugin's modules: a small catalogue, one chunk per scenario, fresh translations only.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadScenarioContent, scenarioContent, virtualModule } from '../../../scripts/vite-plugin-scenarios'
import { searchDocuments, type SearchDocument } from '@/features/scenarios/search'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const fixtures = 'tests/unit/scenarios/fixtures'
const today = '2026-12-01'
const content = loadScenarioContent(root, { contentDir: `${fixtures}/valid`, localesDir: `${fixtures}/valid/locales`, today })

/** Evaluates the JSON.parse(...) payload of `export const name = ...;` */
function exported(source: string, name: string): unknown {
  const match = new RegExp(`export (?:const ${name} =|default) JSON\\.parse\\((".*?")\\);`).exec(source)
  return JSON.parse(JSON.parse(match?.[1] ?? '""'))
}

describe('scenario content plugin', () => {
  it('keeps steps out of the catalogue and loads each scenario lazily', () => {
    const index = virtualModule('virtual:tandem-scenarios', content) ?? ''
    const catalogue = exported(index, 'catalogue') as { id: string; stepCount: number; steps?: unknown }[]
    expect(catalogue).toEqual([expect.objectContaining({ id: 'exemple-parcours', stepCount: 7 })])
    expect(catalogue[0]?.steps).toBeUndefined()
    expect(index).toContain('import("virtual:tandem-scenarios/scenario/exemple-parcours")')
    expect(index).toContain('"en": {"exemple-parcours": () => import("virtual:tandem-scenarios/i18n/en/exemple-parcours")}')
    expect(index).toContain('"ar": {}')
  })

  it('ships a scenario with its illustrations as asset URLs', () => {
    const source = virtualModule('virtual:tandem-scenarios/scenario/exemple-parcours', content) ?? ''
    expect(source).toMatch(/^import media0 from ".*content\/media\/telephone-bouton\.svg\?url";|^import media0 from ".*fixtures\/valid\/media\/telephone-bouton\.svg\?url";/)
    expect(source).toContain('export const media = {"telephone-bouton.svg": media0}')
    expect((exported(source, 'scenario') as { steps: unknown[] }).steps).toHaveLength(7)
    expect(virtualModule('virtual:tandem-scenarios/scenario/nope', content)).toBeUndefined()
  })

  it('ships only fresh translated strings', () => {
    const strings = exported(virtualModule('virtual:tandem-scenarios/i18n/en/exemple-parcours', content) ?? '', 'default') as Record<string, string>
    expect(strings.title).toBe('Open your mailbox on your phone')
    expect(strings['steps.ouvrir.title']).toBeUndefined()
    const catalogue = exported(virtualModule('virtual:tandem-scenarios/catalogue-i18n/en', content) ?? '', 'default')
    expect(catalogue).toEqual({ 'exemple-parcours': { title: 'Open your mailbox on your phone', summary: 'Find the email app, open it and read your latest message.' } })
  })

  it('indexes each language with its own words, and French everywhere', () => {
    const index = virtualModule('virtual:tandem-scenarios', content) ?? ''
    expect(index).toContain('"en": () => import("virtual:tandem-scenarios/search/en")')
    const english = exported(virtualModule('virtual:tandem-scenarios/search/en', content) ?? '', 'default') as SearchDocument[]
    const french = exported(virtualModule('virtual:tandem-scenarios/search/fr', content) ?? '', 'default') as SearchDocument[]
    expect(searchDocuments(english, 'mailbox')).toEqual(['exemple-parcours'])
    expect(searchDocuments(english, 'messagerie')).toEqual(['exemple-parcours'])
    expect(searchDocuments(english, 'inbox')).toEqual(['exemple-parcours'])
    expect(searchDocuments(french, 'mailbox')).toEqual([])
    // Words of a step shown in French (partly translated) are not indexed in English.
    expect(searchDocuments(english, 'envelope')).toEqual([])
    expect(virtualModule('virtual:tandem-scenarios/search/xx', content)).toBeUndefined()
  })

  it('fails a production build on invalid content', () => {
    const plugin = scenarioContent({ contentDir: `${fixtures}/invalid`, localesDir: `${fixtures}/invalid/locales`, today })
    const configResolved = plugin.configResolved as (config: { root: string; command: string }) => void
    configResolved({ root, command: 'build' })
    const buildStart = plugin.buildStart as (this: { warn: (m: string) => void; error: (m: string) => never }) => void
    expect(() =>
      buildStart.call({
        warn: () => {},
        error: (message: string) => {
          throw new Error(message)
        },
      }),
    ).toThrow(/scenario content has 33 error\(s\)[\s\S]*steps\[0\]\.checkpoint\.choices\[1\]\.next/)
  })

  it('only warns in the dev server, serving what is valid', () => {
    const plugin = scenarioContent({ contentDir: `${fixtures}/invalid`, localesDir: `${fixtures}/invalid/locales`, today })
    ;(plugin.configResolved as (config: { root: string; command: string }) => void)({ root, command: 'serve' })
    const warnings: string[] = []
    ;(plugin.buildStart as (this: { warn: (m: string) => void; error: (m: string) => never }) => void).call({
      warn: (message) => warnings.push(message),
      error: (message) => {
        throw new Error(message)
      },
    })
    expect(warnings).toHaveLength(1)
  })
})
