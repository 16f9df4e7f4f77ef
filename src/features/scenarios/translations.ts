// Scenario translations: which strings of a scenario are translatable (and under which key),
// how a translation is recognised as stale, and how translated strings replace the French ones.
// A translation file (locales/<lang>/scenarios/<id>.json) keeps, per key, the hash of the French
// text it was made from. The build keeps only fresh, non-empty strings; at run time any string
// without a translation stays French, one string at a time.
import type { Scenario, Step, TranslationFile } from './format.ts'

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
      step.checkpoint.choices.forEach((choice, i) => strings.set(`steps.${step.id}.checkpoint.choices.${i}.label`, choice.label))
    }
  }
  return strings
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
}

/** Compares a translation with the current French: what can be used, what is stale or missing. */
export function translationStatus(french: ReadonlyMap<string, string>, file: TranslationFile | undefined): TranslationStatus {
  const status: TranslationStatus = { strings: {}, stale: [], missing: [], obsolete: [], total: french.size }
  const entries = file?.strings ?? {}
  for (const [key, source] of french) {
    const entry = entries[key]
    if (!entry || entry.text.trim() === '') status.missing.push(key)
    else if (entry.hash !== translationHash(source)) status.stale.push(key)
    else status.strings[key] = entry.text
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
  return { scenario: scenario.id, locale, strings }
}

/** The scenario with every available translated string in place of the French one. */
export function localizeScenario(scenario: Scenario, strings: Readonly<Record<string, string>>): Scenario {
  const pick = (key: string, french: string) => strings[key] ?? french
  const localizeStep = (step: Step): Step => {
    const out: Step = { ...step }
    for (const field of STEP_FIELDS) {
      const value = step[field]
      if (value !== undefined) out[field] = pick(`steps.${step.id}.${field}`, value)
    }
    if (step.checkpoint) {
      out.checkpoint = {
        question: pick(`steps.${step.id}.checkpoint.question`, step.checkpoint.question),
        choices: step.checkpoint.choices.map((choice, i) => ({ ...choice, label: pick(`steps.${step.id}.checkpoint.choices.${i}.label`, choice.label) })),
      }
    }
    return out
  }
  return {
    ...scenario,
    title: pick('title', scenario.title),
    summary: pick('summary', scenario.summary),
    prerequisites: scenario.prerequisites.map((text, i) => pick(`prerequisites.${i}`, text)),
    steps: scenario.steps.map(localizeStep),
  }
}
