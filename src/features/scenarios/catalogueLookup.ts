// What the activity logs need from the scenarios feature: titles and main themes of the catalogue
// (prefilling a log, planning a workshop) and a scenario's steps (the projector). Failures fall
// back to nothing: a log can always be written without the catalogue.
import { scenarioThemes as catalogueThemes } from '@/features/scenarios/catalogue'
import { contentSource } from '@/features/scenarios/content'

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

/** A scenario's steps for the projector: agent notes are left out on purpose. */
export async function scenarioSteps(id: string): Promise<{ title: string; steps: ScenarioStepView[] } | null> {
  try {
    const bundle = await (await contentSource()).scenario(id)
    if (!bundle) return null
    const { scenario } = bundle
    return {
      title: scenario.title,
      steps: scenario.steps.map((s) => ({ id: s.id, title: s.title, body: s.body, tip: s.tip ?? null, warning: s.warning ?? null })),
    }
  } catch {
    return null
  }
}
