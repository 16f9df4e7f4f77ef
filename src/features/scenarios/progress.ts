// A person's progress through a scenario, as stored on the device (table scenarioProgress,
// never synced), and the pure rules around it: reading a stored record safely, deciding
// whether to resume or restart, moving between steps, and timing an accompaniment.
import type { Scenario } from '@/features/scenarios/format'
import { SCENARIO_OUTCOMES, type ScenarioOutcome } from '@/features/scenarios/taxonomy'

export interface ScenarioProgress {
  scenarioId: string
  /** Version of the scenario when this progress was made. */
  scenarioVersion: number
  currentStepId: string
  /** Steps visited, oldest first, ending with the current one; « Précédent » walks it back. */
  history: string[]
  /** Checkpoint answers: index of the chosen choice, by step id. */
  answers: Record<string, number>
  /** Set while the « Je suis bloqué·e » screen is shown for the current step. */
  stuck: boolean
  startedAt: string
  updatedAt: string
  finishedAt: string | null
  outcome: ScenarioOutcome | null
  /** Time actually spent, in seconds: gaps longer than IDLE_CAP_SECONDS count as that cap. */
  activeSeconds: number
}

/** A pause longer than this (a coffee, a phone call, a week) is not counted as time spent. */
export const IDLE_CAP_SECONDS = 10 * 60

const isString = (value: unknown): value is string => typeof value === 'string'

/** Reads a stored record, or undefined when it is not one (older shape, damaged row). */
export function parseProgress(raw: unknown): ScenarioProgress | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const r = raw as Record<string, unknown>
  if (!isString(r.scenarioId) || !isString(r.currentStepId) || typeof r.scenarioVersion !== 'number' || !isString(r.startedAt)) return undefined
  const history = Array.isArray(r.history) ? r.history.filter(isString) : []
  const answers: Record<string, number> = {}
  if (r.answers && typeof r.answers === 'object') {
    for (const [key, value] of Object.entries(r.answers)) if (typeof value === 'number') answers[key] = value
  }
  return {
    scenarioId: r.scenarioId,
    scenarioVersion: r.scenarioVersion,
    currentStepId: r.currentStepId,
    history: history.length > 0 ? history : [r.currentStepId],
    answers,
    stuck: r.stuck === true,
    startedAt: r.startedAt,
    updatedAt: isString(r.updatedAt) ? r.updatedAt : r.startedAt,
    finishedAt: isString(r.finishedAt) ? r.finishedAt : null,
    outcome: (SCENARIO_OUTCOMES as readonly unknown[]).includes(r.outcome) ? (r.outcome as ScenarioOutcome) : null,
    activeSeconds: typeof r.activeSeconds === 'number' ? r.activeSeconds : 0,
  }
}

export function newProgress(scenario: Scenario, stepId: string, now: Date): ScenarioProgress {
  const at = now.toISOString()
  return { scenarioId: scenario.id, scenarioVersion: scenario.version, currentStepId: stepId, history: [stepId], answers: {}, stuck: false, startedAt: at, updatedAt: at, finishedAt: null, outcome: null, activeSeconds: 0 }
}

export type ResumePlan =
  /** Nothing worth resuming: start at the beginning. */
  | { kind: 'fresh' }
  /** Offer « Reprendre là où vous en étiez » at this step. */
  | { kind: 'resume'; progress: ScenarioProgress }
  /** The scenario changed and the saved step is gone: start again, and say why. */
  | { kind: 'restart-updated' }

/** What to offer when a scenario is reopened with saved progress (however old it is). */
export function resumePlan(progress: ScenarioProgress | undefined, scenario: Scenario): ResumePlan {
  if (!progress || progress.finishedAt !== null) return { kind: 'fresh' }
  const ids = new Set(scenario.steps.map((step) => step.id))
  if (!ids.has(progress.currentStepId)) return { kind: 'restart-updated' }
  if (progress.history.length <= 1 && progress.currentStepId === scenario.steps[0]?.id) return { kind: 'fresh' }
  const history = progress.history.filter((id) => ids.has(id))
  return { kind: 'resume', progress: { ...progress, scenarioVersion: scenario.version, history: history.length > 0 ? history : [progress.currentStepId] } }
}

function tick(progress: ScenarioProgress, now: Date): Pick<ScenarioProgress, 'updatedAt' | 'activeSeconds'> {
  const gap = Math.max(0, (now.getTime() - Date.parse(progress.updatedAt)) / 1000)
  return { updatedAt: now.toISOString(), activeSeconds: progress.activeSeconds + Math.min(gap, IDLE_CAP_SECONDS) }
}

/**
 * The progress after arriving on a step: a step that is the previous one of the history is a
 * step back; a step already in the history (a link, the browser's back button) cuts the history
 * there; any other step is appended. Arriving on an end step finishes the scenario.
 */
export function arriveAt(progress: ScenarioProgress, scenario: Scenario, stepId: string, now: Date, answer?: { stepId: string; choice: number }): ScenarioProgress {
  const step = scenario.steps.find((s) => s.id === stepId)
  if (!step) return progress
  const at = progress.history.lastIndexOf(stepId)
  const history = at >= 0 ? progress.history.slice(0, at + 1) : [...progress.history, stepId]
  const answers = { ...progress.answers }
  // Answers given after this step no longer hold once the person walks back past them.
  if (at >= 0) for (const later of progress.history.slice(at)) delete answers[later]
  if (answer) answers[answer.stepId] = answer.choice
  const timing = tick(progress, now)
  const ended = step.outcome !== undefined
  return {
    ...progress,
    ...timing,
    currentStepId: stepId,
    history,
    answers,
    stuck: false,
    finishedAt: ended ? timing.updatedAt : null,
    outcome: ended ? (step.outcome ?? null) : null,
  }
}

/** « Je suis bloqué·e »: the scenario ends on a needs-help outcome at the current step. */
export function markStuck(progress: ScenarioProgress, now: Date): ScenarioProgress {
  const timing = tick(progress, now)
  return { ...progress, ...timing, stuck: true, finishedAt: timing.updatedAt, outcome: 'needs-help' }
}

/** Back from the stuck screen to the step, as if nothing had ended. */
export function unmarkStuck(progress: ScenarioProgress, now: Date): ScenarioProgress {
  return { ...progress, ...tick(progress, now), stuck: false, finishedAt: null, outcome: null }
}

/** The step before the current one in the history, if any. */
export function previousStepId(progress: ScenarioProgress): string | undefined {
  return progress.history.length > 1 ? progress.history[progress.history.length - 2] : undefined
}

/** Minutes to prefill an accompaniment log with: active time, rounded, at least 1. */
export function elapsedMinutes(progress: ScenarioProgress): number {
  return Math.max(1, Math.round(progress.activeSeconds / 60))
}
