// Scenario translations: which strings of a scenario are translatable (and under which key),
// how a translation is recognised as stale, and how translated strings replace the French ones.
// A translation file (locales/<lang>/scenarios/<id>.json) keeps, per key, the hash of the French
// text it was made from. The build keeps only fresh, non-empty strings. At run time a step is
// shown translated only when every string a person sees on it is translated; otherwise the whole
// step stays French (never a mix inside one step). Scenario-level strings (title, summary,
// prerequisites) and the mediator's agent notes are taken one by one.
import type { Scenario, Step, TranslationFile } from './format.ts'
import { wordCount } from './textFacts.ts'

/** Short stable hash of a French source string (cyrb53: 53 bits, enough to notice an edit). */
export function translationHash(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

const STEP_FIELDS = ['title', 'body', 'illustrationAlt', 'tip', 'warning', 'agentNote', 'easyRead'] as const

/** Every translatable French string of a scenario, by key (`steps.<stepId>.body`…), in reading order. */
export function translatableStrings(scenario: Scenario): Map<string, string> {
  const strings = new Map<string, string>()
  strings.set('title', scenario.title)
  strings.set('summary', scenario.summary)
  scenario.prerequisites.forEach((text, i) => strings.set(`prerequisites.${i}`, text))
  for (const step of scenario.steps) {
    for (const field of STEP_FIELDS) {
      const value = step[field]
      if (value) strings.set(`steps.${step.id}.${field}`, value)
    }
    if (step.checkpoint) {
      strings.set(`steps.${step.id}.checkpoint.question`, step.checkpoint.question)
      strings.set(`steps.${step.id}.checkpoint.easyRead`, step.checkpoint.easyRead)
      step.checkpoint.choices.forEach((choice, i) => {
        strings.set(`steps.${step.id}.checkpoint.choices.${i}.label`, choice.label)
        strings.set(`steps.${step.id}.checkpoint.choices.${i}.easyRead`, choice.easyRead)
      })
    }
  }
  return strings
}

/** Writing direction of a language, for content shown in another language than the interface. */
export function dirOf(lang: string): 'rtl' | 'ltr' {
  return ['ar', 'he', 'fa', 'ur'].includes(lang) ? 'rtl' : 'ltr'
}

/** Agent notes are for the mediator: translated too, but counted apart from what a person sees. */
export function isAgentNoteKey(key: string): boolean {
  return key.endsWith('.agentNote')
}

/** The step a key belongs to (`steps.<id>.…`), if any. */
export function stepIdOfKey(key: string): string | undefined {
  return key.startsWith('steps.') ? key.split('.')[1] : undefined
}

/** Words of French text to translate and words translated (fresh), for a coverage figure weighed by words. */
export interface WordCoverage {
  total: number
  translated: number
}

export interface TranslationStatus {
  /** Fresh translated strings, ready to ship. */
  strings: Record<string, string>
  /** Keys whose French source changed since they were translated. */
  stale: string[]
  /** Keys with no translation (absent or empty text). */
  missing: string[]
  /** Keys of the file that the scenario no longer has. */
  obsolete: string[]
  /** Number of translatable strings of the scenario. */
  total: number
  /** Search words of the translation's language (TranslationFile.keywords). */
  keywords: string[]
  /** What a person sees (everything but agent notes), weighed by the words of the French text. */
  visibleWords: WordCoverage
  /** The mediator's agent notes, weighed by words. */
  agentNoteWords: WordCoverage
}

/** Compares a translation with the current French: what can be used, what is stale or missing. */
export function translationStatus(french: ReadonlyMap<string, string>, file: TranslationFile | undefined): TranslationStatus {
  const status: TranslationStatus = {
    strings: {}, stale: [], missing: [], obsolete: [], total: french.size, keywords: file?.keywords ?? [],
    visibleWords: { total: 0, translated: 0 }, agentNoteWords: { total: 0, translated: 0 },
  }
  const entries = file?.strings ?? {}
  for (const [key, source] of french) {
    const entry = entries[key]
    const words = Math.max(1, wordCount(source))
    const coverage = isAgentNoteKey(key) ? status.agentNoteWords : status.visibleWords
    coverage.total += words
    if (!entry || entry.text.trim() === '') status.missing.push(key)
    else if (entry.hash !== translationHash(source)) status.stale.push(key)
    else {
      status.strings[key] = entry.text
      coverage.translated += words
    }
  }
  status.obsolete = Object.keys(entries).filter((key) => !french.has(key))
  return status
}

/** A translation file updated to the current French: new keys added empty, obsolete ones dropped. */
export function translationSkeleton(scenario: Scenario, locale: string, existing: TranslationFile | undefined): TranslationFile {
  const strings: TranslationFile['strings'] = {}
  for (const [key, source] of translatableStrings(scenario)) {
    const previous = existing?.strings[key]
    const hash = translationHash(source)
    if (!previous || previous.text.trim() === '') strings[key] = { hash, text: '', fr: source }
    // A translator who revised a stale string clears its hash: it is then taken as made from this French.
    else strings[key] = { hash: previous.hash === '' ? hash : previous.hash, text: previous.text, fr: source }
  }
  return { scenario: scenario.id, locale, ...(existing?.keywords ? { keywords: existing.keywords } : {}), strings }
}

/** Keys of the strings a person sees on a step (agent notes excluded). */
export function visibleStepKeys(step: Step): string[] {
  const keys = STEP_FIELDS.filter((field) => field !== 'agentNote' && step[field] !== undefined && step[field] !== '').map((field) => `steps.${step.id}.${field}`)
  if (step.checkpoint) {
    keys.push(`steps.${step.id}.checkpoint.question`, `steps.${step.id}.checkpoint.easyRead`)
    step.checkpoint.choices.forEach((_, i) => keys.push(`steps.${step.id}.checkpoint.choices.${i}.label`, `steps.${step.id}.checkpoint.choices.${i}.easyRead`))
  }
  return keys
}

/** Ids of the steps whose every person-visible string has a translation: only those are shown translated. */
export function translatedStepIds(scenario: Scenario, strings: Readonly<Record<string, string>>): Set<string> {
  return new Set(scenario.steps.filter((step) => visibleStepKeys(step).every((key) => strings[key] !== undefined)).map((step) => step.id))
}

/**
 * The scenario in the translation's language as far as it goes: a step is translated whole or
 * stays French whole; agent notes, title, summary and prerequisites are taken one by one.
 */
export function localizeScenario(scenario: Scenario, strings: Readonly<Record<string, string>>): Scenario {
  const whole = translatedStepIds(scenario, strings)
  const localizeStep = (step: Step): Step => {
    const out: Step = { ...step }
    if (step.agentNote !== undefined) out.agentNote = strings[`steps.${step.id}.agentNote`] ?? step.agentNote
    if (!whole.has(step.id)) return out
    const pick = (key: string, french: string) => strings[key] ?? french
    for (const field of STEP_FIELDS) {
      const value = step[field]
      if (value !== undefined && field !== 'agentNote') out[field] = pick(`steps.${step.id}.${field}`, value)
    }
    if (step.checkpoint) {
      out.checkpoint = {
        question: pick(`steps.${step.id}.checkpoint.question`, step.checkpoint.question),
        easyRead: pick(`steps.${step.id}.checkpoint.easyRead`, step.checkpoint.easyRead),
        choices: step.checkpoint.choices.map((choice, i) => ({
          ...choice,
          label: pick(`steps.${step.id}.checkpoint.choices.${i}.label`, choice.label),
          easyRead: pick(`steps.${step.id}.checkpoint.choices.${i}.easyRead`, choice.easyRead),
        })),
      }
    }
    return out
  }
  const pick = (key: string, french: string) => strings[key] ?? french
  return {
    ...scenario,
    title: pick('title', scenario.title),
    summary: pick('summary', scenario.summary),
    prerequisites: scenario.prerequisites.map((text, i) => pick(`prerequisites.${i}`, text)),
    steps: scenario.steps.map(localizeStep),
  }
}
