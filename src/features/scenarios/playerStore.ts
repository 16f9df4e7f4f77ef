// State of the scenario being played: the (translated) scenario, the person's progress, and the
// moves between steps. Progress is saved at every step. The route is the source of truth for the
// current step: the view navigates, then calls enter() with the step of the new route.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { contentSource, type ScenarioBundle } from '@/features/scenarios/content'
import type { Step } from '@/features/scenarios/format'
import { nextStepId, stepsToEnd, type StepLinks } from '@/features/scenarios/graph'
import { arriveAt, elapsedMinutes, markStuck, newProgress, previousStepId, resumePlan, unmarkStuck, type ResumePlan, type ScenarioProgress } from '@/features/scenarios/progress'
import { deleteProgress, loadProgress, saveProgress } from '@/features/scenarios/repo'
import { isAgentNoteKey, localizeScenario, stepIdOfKey, translatedStepIds } from '@/features/scenarios/translations'

export type PlayerState = 'idle' | 'loading' | 'ready' | 'missing'

export const useScenarioPlayerStore = defineStore('scenarioPlayer', () => {
  const state = ref<PlayerState>('idle')
  const bundle = shallowRef<ScenarioBundle>()
  const translated = shallowRef<Record<string, string>>({})
  const locale = ref('fr')
  const progress = ref<ScenarioProgress>()
  /** What to offer on the scenario's first screen, decided when it was opened. */
  const plan = ref<ResumePlan>({ kind: 'fresh' })
  /** Set when saved progress pointed at a step that no longer exists. */
  const restartedAfterUpdate = ref(false)
  /** « Version simplifiée » switched on: stays on from step to step. */
  const easyRead = ref(false)
  let pendingAnswer: { from: string; to: string; choice: number } | undefined
  let opening: Promise<void> | undefined
  let openedKey = ''

  const scenario = computed(() => (bundle.value ? localizeScenario(bundle.value.scenario, translated.value) : undefined))
  const links = computed<StepLinks[]>(() =>
    (bundle.value?.scenario.steps ?? []).map((step) => ({ id: step.id, next: step.next, choices: step.checkpoint?.choices.map((c) => c.next), end: step.outcome !== undefined })),
  )
  const currentStep = computed<Step | undefined>(() => scenario.value?.steps.find((step) => step.id === progress.value?.currentStepId))
  const stepNumber = computed(() => (progress.value ? progress.value.history.length : 0))
  /** Steps so far plus the fewest still to go to a successful end: « Étape 3 sur 7 » on a branching path. */
  const successfulEnds = computed(() => new Set((bundle.value?.scenario.steps ?? []).filter((step) => step.outcome === 'done').map((step) => step.id)))
  const stepTotal = computed(() => {
    const step = currentStep.value
    return stepNumber.value + (step ? (stepsToEnd(links.value, step.id, (end) => successfulEnds.value.has(end.id)) ?? 0) : 0)
  })
  const previousId = computed(() => (progress.value ? previousStepId(progress.value) : undefined))
  const nextId = computed(() => (currentStep.value ? nextStepId(links.value, currentStep.value.id) : undefined))
  const minutesSpent = computed(() => (progress.value ? elapsedMinutes(progress.value) : 0))

  /** Steps shown translated: those whose every person-visible string is translated. */
  const translatedSteps = computed(() => (bundle.value ? translatedStepIds(bundle.value.scenario, translated.value) : new Set<string>()))

  /** Language a step's content is shown in: the locale when the whole step is translated, else French. */
  function stepLang(stepId: string): string {
    return locale.value !== 'fr' && translatedSteps.value.has(stepId) ? locale.value : 'fr'
  }

  /**
   * Language a displayed string is actually in. A step's strings follow the step (translated
   * whole or French whole); agent notes and scenario-level strings go one by one.
   */
  function langOf(key: string): string {
    const stepId = stepIdOfKey(key)
    if (stepId !== undefined && !isAgentNoteKey(key)) return stepLang(stepId)
    return translated.value[key] !== undefined ? locale.value : 'fr'
  }

  function mediaUrl(file: string): string | undefined {
    return bundle.value?.media[file]
  }

  /** Loads a scenario, its translation and saved progress (once per scenario and locale). */
  async function open(id: string, wantedLocale: string): Promise<void> {
    const key = `${id}|${wantedLocale}`
    if (key === openedKey && opening) return opening
    openedKey = key
    opening = (async () => {
      const sameScenario = bundle.value?.scenario.id === id
      if (!sameScenario) {
        state.value = 'loading'
        progress.value = undefined
        restartedAfterUpdate.value = false
      }
      const source = await contentSource()
      const loaded = sameScenario ? bundle.value : await source.scenario(id)
      if (!loaded) {
        bundle.value = undefined
        state.value = 'missing'
        return
      }
      translated.value = wantedLocale === 'fr' ? {} : await source.translation(id, wantedLocale)
      locale.value = wantedLocale
      if (!sameScenario) {
        const saved = await loadProgress(id)
        plan.value = resumePlan(saved, loaded.scenario)
        progress.value = saved
        bundle.value = loaded
      }
      state.value = 'ready'
    })()
    return opening
  }

  /** Arriving on a step (from the route): starts, resumes or moves the progress, then saves it. */
  async function enter(stepId: string, now = new Date()): Promise<'ok' | 'unknown-step'> {
    const base = bundle.value?.scenario
    if (!base) return 'unknown-step'
    if (!base.steps.some((step) => step.id === stepId)) return 'unknown-step'
    const current = progress.value
    const answer = pendingAnswer && pendingAnswer.to === stepId && current?.currentStepId === pendingAnswer.from ? { stepId: pendingAnswer.from, choice: pendingAnswer.choice } : undefined
    pendingAnswer = undefined
    let next: ScenarioProgress
    const outdated = plan.value.kind === 'restart-updated' && current !== undefined && !base.steps.some((step) => step.id === current.currentStepId)
    if (!current || outdated) {
      if (outdated) restartedAfterUpdate.value = true
      next = arriveAt(newProgress(base, stepId, now), base, stepId, now)
    } else if (current.finishedAt !== null && !current.stuck) {
      // Reloading an end screen keeps it; walking back reopens the run; any other step starts a new one.
      if (current.currentStepId === stepId) next = current
      else if (current.history.includes(stepId)) next = arriveAt(current, base, stepId, now)
      else next = arriveAt(newProgress(base, stepId, now), base, stepId, now)
    } else if (current.stuck && current.currentStepId === stepId) {
      next = current
    } else {
      next = arriveAt(current.stuck ? unmarkStuck(current, now) : current, base, stepId, now, answer)
    }
    if (next.scenarioVersion !== base.version) next = { ...next, scenarioVersion: base.version }
    progress.value = next
    plan.value = { kind: 'fresh' }
    await saveProgress(next)
    return 'ok'
  }

  /** The step a checkpoint choice leads to; the answer is recorded on arrival there. */
  function choose(choice: number): string | undefined {
    const step = currentStep.value
    const target = step?.checkpoint?.choices[choice]?.next
    if (step && target) pendingAnswer = { from: step.id, to: target, choice }
    return target
  }

  /** « Je suis bloqué·e »: ends on the needs-help screen, saved like any end. */
  async function declareStuck(now = new Date()): Promise<void> {
    if (!progress.value) return
    progress.value = markStuck(progress.value, now)
    await saveProgress(progress.value)
  }

  /** Back from the needs-help screen to the step where the person was. */
  async function resumeAfterStuck(now = new Date()): Promise<void> {
    if (!progress.value?.stuck) return
    progress.value = unmarkStuck(progress.value, now)
    await saveProgress(progress.value)
  }

  /** Forgets saved progress so the next step entered starts a new run. */
  async function restart(options: { becauseUpdated?: boolean } = {}): Promise<void> {
    const id = bundle.value?.scenario.id
    progress.value = undefined
    plan.value = { kind: 'fresh' }
    restartedAfterUpdate.value = options.becauseUpdated === true
    if (id) await deleteProgress(id)
  }

  /** First step of the open scenario. */
  const firstStepId = computed(() => bundle.value?.scenario.steps[0]?.id)

  /** Clears everything (tests, leaving the feature). */
  function $reset(): void {
    state.value = 'idle'
    bundle.value = undefined
    translated.value = {}
    progress.value = undefined
    plan.value = { kind: 'fresh' }
    restartedAfterUpdate.value = false
    easyRead.value = false
    pendingAnswer = undefined
    opening = undefined
    openedKey = ''
  }

  return {
    state, scenario, progress, plan, restartedAfterUpdate, easyRead, currentStep, firstStepId, stepNumber, stepTotal, previousId, nextId, minutesSpent, locale,
    langOf, stepLang, mediaUrl, open, enter, choose, declareStuck, resumeAfterStuck, restart, $reset,
  }
})
