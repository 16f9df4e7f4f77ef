// The projector's slides: each scenario of a programme along its main path, in programme order.
// Pure but for the steps loader it is given, so the counting is tested without a database.
import type { ScenarioSlides, ScenarioStepView } from '@/features/scenarios/catalogueLookup'

export interface Slide {
  scenarioId: string
  scenarioTitle: string
  /** Position of the scenario in the programme (0-based), unavailable ones included. */
  scenarioIndex: number
  /** Position on the scenario's main path (0-based) and the path's length: dead ends never count. */
  stepIndex: number
  stepCount: number
  step: ScenarioStepView
}

export async function buildSlides(
  programme: readonly string[],
  steps: (id: string) => Promise<ScenarioSlides | null>,
): Promise<{ slides: Slide[]; missing: string[] }> {
  const slides: Slide[] = []
  const missing: string[] = []
  for (const [scenarioIndex, scenarioId] of programme.entries()) {
    const s = await steps(scenarioId)
    if (!s || s.steps.length === 0) {
      missing.push(scenarioId)
      continue
    }
    s.steps.forEach((step, stepIndex) => slides.push({ scenarioId, scenarioTitle: s.title, scenarioIndex, stepIndex, stepCount: s.mainPathLength, step }))
  }
  return { slides, missing }
}
