// Builders for the scenario component tests: content from the valid fixture (through the same
// loader as the build), a fresh IndexedDB per test, a fake speech synthesis.
import { TandemDatabase, useDatabase } from '@/db/database'
import type { ScenarioContentSource } from '@/features/scenarios/content'
import { useContentSource } from '@/features/scenarios/content'
import { catalogueEntry, loadScenarioContent, searchIndex } from '../../../scripts/vite-plugin-scenarios'

// happy-dom gives modules http: URLs; vitest runs from the project root.
const root = process.cwd()
const fixtures = 'tests/unit/scenarios/fixtures/valid'

export const SCENARIO_ID = 'exemple-parcours'

/** The fixture content, optionally with edits (a new version, a second scenario…). */
export function fixtureContent(edit: (content: ReturnType<typeof loadScenarioContent>) => void = () => {}): ScenarioContentSource {
  const content = loadScenarioContent(root, { contentDir: fixtures, localesDir: `${fixtures}/locales`, today: '2026-12-01' })
  edit(content)
  return {
    catalogue: async () => content.scenarios.map(catalogueEntry),
    scenario: async (id) => {
      const scenario = content.scenarios.find((s) => s.id === id)
      return scenario ? { scenario: structuredClone(scenario), media: { 'telephone-bouton.svg': '/assets/telephone-bouton.svg' } } : undefined
    },
    translation: async (id, locale) => content.translations.get(locale)?.get(id)?.strings ?? {},
    catalogueTranslation: async (locale) =>
      Object.fromEntries([...(content.translations.get(locale) ?? new Map()).entries()].map(([id, status]) => [id, { title: status.strings.title, summary: status.strings.summary }])),
    searchIndex: async (locale) => searchIndex(content, locale),
  }
}

let counter = 0

/** A fresh database and the fixture content; returns the database for direct checks. */
export function freshScenarioWorld(source: ScenarioContentSource = fixtureContent()): TandemDatabase {
  counter += 1
  const database = new TandemDatabase(`scenarios-test-${counter}-${Date.now()}`)
  useDatabase(database)
  useContentSource(source)
  return database
}

export function setPreferences(value: { mode: 'agent' | 'workshop' | 'citizen' | null; locale?: 'fr' | 'en' | 'ar' }): void {
  localStorage.setItem('tandem.preferences', JSON.stringify({ locale: 'fr', textSize: 'normal', highContrast: false, ...value }))
}

/** Installs a speechSynthesis with voices for these languages; returns what it was asked to say. */
export function fakeSpeech(langs: string[]): { spoken: { text: string; lang: string }[]; uninstall: () => void } {
  const spoken: { text: string; lang: string }[] = []
  const synth = {
    getVoices: () => langs.map((lang) => ({ lang, name: `voice-${lang}` })),
    speak: (utterance: { text: string; lang: string }) => spoken.push({ text: utterance.text, lang: utterance.lang }),
    cancel: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
  }
  class Utterance {
    lang = ''
    voice: unknown = null
    onend: (() => void) | null = null
    onerror: (() => void) | null = null
    constructor(public text: string) {}
  }
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true })
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true })
  Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true })
  return {
    spoken,
    uninstall: () => {
      Reflect.deleteProperty(window, 'speechSynthesis')
      Reflect.deleteProperty(window, 'SpeechSynthesisUtterance')
      Reflect.deleteProperty(globalThis, 'SpeechSynthesisUtterance')
    },
  }
}
