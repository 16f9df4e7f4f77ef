// What the activity logs need from the scenarios feature: titles and main themes of the catalogue
// (prefilling a log, planning a workshop) and a scenario's main path and notes (the projector). Failures fall
// back to nothing: a log can always be written without the catalogue.
import { scenarioThemes as catalogueThemes } from '@/features/scenarios/catalogue'
import { contentSource } from '@/features/scenarios/content'
import { localizeScenario, translatedStepIds } from '@/features/scenarios/translations'
import type { Step } from '@/features/scenarios/format'
import { mainPath, type StepLinks } from '@/features/scenarios/graph'

export interface ScenarioSummary {
  id: string
  title: string
  minutes: number | null
  themes: string[]
  /** The one or two themes a log of this scenario is about (prefilled); the rest may apply. */
  mainThemes: string[]
}

export interface ScenarioStepView {
  id: string
  title: string
  body: string
  tip: string | null
  warning: string | null
  /** The step's picture (a URL of the build) and what it shows; null when it has none. */
  illustration: { url: string; alt: string } | null
  /** The checkpoint's question and its answers, for the room to answer together. */
  checkpoint: { question: string; choices: string[] } | null
  /** The language the step is shown in: the interface's when the whole step is translated, else French. */
  lang: string
}

/** What the projector shows of a scenario: the steps of its main path, in order. */
export interface ScenarioSlides {
  title: string
  /** The main path (first step to the nearest « done » end): no dead end, no detour. */
  steps: ScenarioStepView[]
  /** Steps on the main path: what « étape 2 sur N » counts (branches and dead ends never do). */
  mainPathLength: number
}

/** Every scenario of the catalogue, or an empty list when it cannot be read. */
export async function listScenarios(): Promise<ScenarioSummary[]> {
  try {
    const entries = await (await contentSource()).catalogue()
    return entries.map((e) => ({ id: e.id, title: e.title, minutes: e.minutes, themes: [...e.themes], mainThemes: [...(e.mainThemes ?? [])] }))
  } catch {
    return []
  }
}

/** National themes (mediation and administrative, in one list) of the given scenarios. */
export async function scenarioThemes(ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  try {
    return await catalogueThemes([...ids])
  } catch {
    return []
  }
}

/** Main themes of the given scenarios: what a log of them prefills (never all their themes). */
export async function scenarioMainThemes(ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  try {
    const entries = await (await contentSource()).catalogue()
    const byId = new Map(entries.map((e) => [e.id, e]))
    return [...new Set(ids.flatMap((id) => byId.get(id)?.mainThemes ?? []))]
  } catch {
    return []
  }
}

/**
 * A scenario's main path for the projector: agent notes are left out on purpose (they are for
 * the facilitator, see scenarioNotes). A checkpoint's question and answers are kept; the path
 * follows the answers that lead to the nearest successful end.
 */
export async function scenarioSteps(id: string, locale = 'fr'): Promise<ScenarioSlides | null> {
  try {
    const source = await contentSource()
    const bundle = await source.scenario(id)
    if (!bundle) return null
    const strings = locale === 'fr' ? {} : await source.translation(id, locale).catch(() => ({}))
    const whole = locale === 'fr' ? new Set<string>() : translatedStepIds(bundle.scenario, strings)
    const scenario = locale === 'fr' ? bundle.scenario : localizeScenario(bundle.scenario, strings)
    const { media } = bundle
    const byId = new Map(scenario.steps.map((s) => [s.id, s]))
    const path = mainPath(stepLinks(scenario.steps), (end) => byId.get(end.id)?.outcome === 'done')
    const steps = path.flatMap((stepId): ScenarioStepView[] => {
      const s = byId.get(stepId)
      if (!s) return []
      const url = s.illustration ? media[s.illustration] : undefined
      return [{
        id: s.id,
        title: s.title,
        body: s.body,
        tip: s.tip ?? null,
        warning: s.warning ?? null,
        illustration: url ? { url, alt: s.illustrationAlt ?? '' } : null,
        checkpoint: s.checkpoint ? { question: s.checkpoint.question, choices: s.checkpoint.choices.map((c) => c.label) } : null,
        lang: whole.has(s.id) ? locale : 'fr',
      }]
    })
    return { title: scenario.title, steps, mainPathLength: steps.length }
  } catch {
    return null
  }
}


/** The facilitator's notes of a scenario's steps, by step id, each in its language (the presenter's notes window). */
export async function scenarioNotes(id: string, locale = 'fr'): Promise<Record<string, { text: string; lang: string }>> {
  try {
    const source = await contentSource()
    const bundle = await source.scenario(id)
    if (!bundle) return {}
    const strings: Record<string, string> = locale === 'fr' ? {} : await source.translation(id, locale).catch(() => ({}))
    return Object.fromEntries(
      bundle.scenario.steps.flatMap((s) => {
        if (!s.agentNote) return []
        const translated = strings[`steps.${s.id}.agentNote`]
        return [[s.id, translated ? { text: translated, lang: locale } : { text: s.agentNote, lang: 'fr' }]]
      }),
    )
  } catch {
    return {}
  }
}

function stepLinks(steps: readonly Step[]): StepLinks[] {
  return steps.map((s) => ({ id: s.id, next: s.next, choices: s.checkpoint?.choices.map((c) => c.next), end: s.outcome !== undefined }))
}
