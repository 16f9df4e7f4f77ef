import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ScenarioSchema, TranslationFileSchema } from '@/features/scenarios/format'
import { localizeScenario, translatableStrings, translationHash, translationSkeleton, translationStatus } from '@/features/scenarios/translations'

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
    expect(status.missing).toContain('steps.bravo.body')
    expect(status.strings['steps.ouvrir.title']).toBeUndefined()
    expect(Object.keys(status.strings).length + status.stale.length + status.missing.length).toBe(status.total)
  })

  it('becomes stale when the French source changes', () => {
    const edited = { ...scenario, title: 'Ouvrir sa messagerie' }
    expect(translationStatus(translatableStrings(edited), english).stale).toContain('title')
  })

  it('falls back to French string by string', () => {
    const { strings } = translationStatus(translatableStrings(scenario), english)
    const localized = localizeScenario(scenario, strings)
    const allumer = localized.steps.find((s) => s.id === 'allumer')
    const ouvrir = localized.steps.find((s) => s.id === 'ouvrir')
    expect(allumer?.title).toBe('Switch on your phone')
    expect(allumer?.agentNote).toBe(scenario.steps[0]?.agentNote)
    expect(ouvrir?.title).toBe('Ouvrez l’application')
    expect(localized.steps[1]?.checkpoint?.choices.map((c) => [c.label, c.next])).toEqual([
      ['Yes, I can see it', 'ouvrir'],
      ['No, I cannot find it', 'pas-d-application'],
    ])
  })

  it('updates a skeleton without losing work, and stamps a cleared hash', () => {
    const cleared = { ...english, strings: { ...english.strings, 'steps.ouvrir.title': { hash: '', text: 'Open the app' }, 'steps.gone.title': { hash: 'x', text: 'Gone' } } }
    const skeleton = translationSkeleton(scenario, 'en', cleared)
    expect(skeleton.strings['steps.gone.title']).toBeUndefined()
    expect(skeleton.strings.title?.text).toBe('Open your mailbox on your phone')
    expect(skeleton.strings['steps.bravo.body']).toEqual({ hash: translationHash('Vous savez ouvrir votre messagerie et lire un message.'), text: '', fr: 'Vous savez ouvrir votre messagerie et lire un message.' })
    const status = translationStatus(translatableStrings(scenario), skeleton)
    expect(status.strings['steps.ouvrir.title']).toBe('Open the app')
    expect(status.stale).toEqual([])
  })
})
