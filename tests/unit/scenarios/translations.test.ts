import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ScenarioSchema, TranslationFileSchema } from '@/features/scenarios/format'
import { localizeScenario, translatableStrings, translatedStepIds, translationHash, translationSkeleton, translationStatus } from '@/features/scenarios/translations'

const fixture = new URL('./fixtures/valid/', import.meta.url)
const scenario = ScenarioSchema.parse(parse(readFileSync(new URL('scenarios/exemple-parcours.yaml', fixture), 'utf8')))
const english = TranslationFileSchema.parse(JSON.parse(readFileSync(new URL('locales/en/scenarios/exemple-parcours.json', fixture), 'utf8')))

describe('scenario translations', () => {
  it('hashes stably and notices a one-character change', () => {
    expect(translationHash('Bravo !')).toBe(translationHash('Bravo !'))
    expect(translationHash('Bravo !')).not.toBe(translationHash('Bravo!'))
  })

  it('lists every translatable string by key', () => {
    const keys = [...translatableStrings(scenario).keys()]
    expect(keys).toContain('steps.allumer.easyRead')
    expect(keys).toContain('steps.trouver-application.checkpoint.choices.1.label')
    expect(keys).toContain('prerequisites.1')
    expect(keys).not.toContain('steps.bravo.tip')
  })

  it('keeps fresh strings and reports stale and missing ones', () => {
    const status = translationStatus(translatableStrings(scenario), english)
    expect(status.strings.title).toBe('Open your mailbox on your phone')
    expect(status.stale).toEqual(['steps.ouvrir.title'])
    expect(status.missing).toContain('steps.lire.body')
    expect(status.strings['steps.ouvrir.title']).toBeUndefined()
    expect(Object.keys(status.strings).length + status.stale.length + status.missing.length).toBe(status.total)
  })

  it('becomes stale when the French source changes', () => {
    const edited = { ...scenario, title: 'Ouvrir sa messagerie' }
    expect(translationStatus(translatableStrings(edited), english).stale).toContain('title')
  })

  it('shows a step translated whole or French whole, never a mix', () => {
    const { strings } = translationStatus(translatableStrings(scenario), english)
    const localized = localizeScenario(scenario, strings)
    const step = (id: string) => localized.steps.find((s) => s.id === id)
    // Every string a person sees on « allumer » is translated: the step is English.
    expect(step('allumer')?.title).toBe('Switch on your phone')
    expect(step('allumer')?.illustrationAlt).toBe('A phone seen from the side, with the power button circled.')
    // « trouver-application » has its title and checkpoint translated but not its body: all French.
    expect(strings['steps.trouver-application.title']).toBe('Find the email app')
    expect(step('trouver-application')?.title).toBe('Trouvez l’application de messagerie')
    expect(step('trouver-application')?.checkpoint?.choices.map((c) => [c.label, c.easyRead, c.next])).toEqual([
      ['Oui, je la vois', 'Oui', 'ouvrir'],
      ['Non, je ne la trouve pas', 'Non', 'pas-d-application'],
    ])
    expect(translatedStepIds(scenario, strings)).toEqual(new Set(['allumer', 'bravo']))
    // The agent note is the mediator's: taken on its own (untranslated here, so French).
    expect(step('allumer')?.agentNote).toBe(scenario.steps[0]?.agentNote)
    expect(localized.title).toBe('Open your mailbox on your phone')
  })

  it('translates checkpoint easy-read forms under their own keys', () => {
    const keys = [...translatableStrings(scenario).keys()]
    expect(keys).toContain('steps.ouvrir.checkpoint.easyRead')
    expect(keys).toContain('steps.ouvrir.checkpoint.choices.1.easyRead')
    const all = Object.fromEntries([...translatableStrings(scenario)].map(([key, text]) => [key, `EN ${text}`]))
    const ouvrir = localizeScenario(scenario, all).steps.find((s) => s.id === 'ouvrir')
    expect(ouvrir?.checkpoint?.easyRead).toBe('EN Vous voyez vos messages ?')
    expect(ouvrir?.checkpoint?.choices[1]?.easyRead).toBe('EN Non')
  })

  it('weighs coverage by words and counts agent notes apart', () => {
    const status = translationStatus(translatableStrings(scenario), english)
    expect(status.agentNoteWords).toEqual({ total: 11, translated: 0 })
    expect(status.visibleWords.translated).toBe(86)
    expect(status.visibleWords.total).toBe(278)
  })

  it('updates a skeleton without losing work, and stamps a cleared hash', () => {
    const cleared = { ...english, strings: { ...english.strings, 'steps.ouvrir.title': { hash: '', text: 'Open the app' }, 'steps.gone.title': { hash: 'x', text: 'Gone' } } }
    const skeleton = translationSkeleton(scenario, 'en', cleared)
    expect(skeleton.strings['steps.gone.title']).toBeUndefined()
    expect(skeleton.strings.title?.text).toBe('Open your mailbox on your phone')
    expect(skeleton.strings['steps.lire.body']).toEqual({ hash: translationHash('Touchez le premier message de la liste pour l’ouvrir.'), text: '', fr: 'Touchez le premier message de la liste pour l’ouvrir.' })
    const status = translationStatus(translatableStrings(scenario), skeleton)
    expect(status.strings['steps.ouvrir.title']).toBe('Open the app')
    expect(status.stale).toEqual([])
  })
})
