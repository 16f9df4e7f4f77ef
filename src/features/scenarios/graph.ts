// Branching of a scenario as a graph of steps: where each step leads, and the checks that keep
// a person from getting stuck (unknown targets, unreachable steps, loops with no way out).
// Works on a minimal shape so the checker can run it even on a file that fails the schema.

/** What the graph needs of a step. */
export interface StepLinks {
  id: string
  /** Explicit `next`. */
  next?: string
  /** `next` of each checkpoint choice, in order; undefined when the step has no checkpoint. */
  choices?: string[]
  /** True for an end step (it has an `outcome`). */
  end: boolean
}

export type GraphProblem =
  | { kind: 'duplicate-step'; index: number; id: string; firstIndex: number }
  | { kind: 'unknown-step'; index: number; choice?: number; target: string }
  | { kind: 'falls-off-end'; index: number }
  | { kind: 'unreachable-step'; index: number }
  | { kind: 'no-exit'; indexes: number[] }

/** The step ids a step can lead to. The default `next` is the following step of the list. */
export function successors(steps: readonly StepLinks[], index: number): string[] {
  const step = steps[index]
  if (!step || step.end) return []
  if (step.choices) return step.choices
  if (step.next !== undefined) return [step.next]
  const following = steps[index + 1]
  return following ? [following.id] : []
}

/** The step that follows a step without a checkpoint; undefined for end steps. */
export function nextStepId(steps: readonly StepLinks[], id: string): string | undefined {
  const index = steps.findIndex((step) => step.id === id)
  if (index < 0 || steps[index]?.choices) return undefined
  return successors(steps, index)[0]
}

/** Every structural problem of a scenario's steps; an empty list means every path ends well. */
export function checkGraph(steps: readonly StepLinks[]): GraphProblem[] {
  const problems: GraphProblem[] = []
  const firstIndexOf = new Map<string, number>()
  steps.forEach((step, index) => {
    const first = firstIndexOf.get(step.id)
    if (first === undefined) firstIndexOf.set(step.id, index)
    else problems.push({ kind: 'duplicate-step', index, id: step.id, firstIndex: first })
  })

  steps.forEach((step, index) => {
    if (step.end) return
    if (step.choices) {
      step.choices.forEach((target, choice) => {
        if (!firstIndexOf.has(target)) problems.push({ kind: 'unknown-step', index, choice, target })
      })
    } else if (step.next !== undefined) {
      if (!firstIndexOf.has(step.next)) problems.push({ kind: 'unknown-step', index, target: step.next })
    } else if (index === steps.length - 1) {
      problems.push({ kind: 'falls-off-end', index })
    }
  })

  // Edges by index; a target that does not exist is already reported and leads nowhere here.
  // The default next is the following entry of the list, even when its id is a duplicate.
  const edges = steps.map((step, index) => {
    if (!step.end && !step.choices && step.next === undefined) return index + 1 < steps.length ? [index + 1] : []
    return successors(steps, index).flatMap((target) => {
      const to = firstIndexOf.get(target)
      return to === undefined ? [] : [to]
    })
  })
  const exits = steps.map((step, index) => step.end || successors(steps, index).some((target) => !firstIndexOf.has(target)) || (!step.choices && step.next === undefined && index === steps.length - 1))

  const reached = new Set<number>()
  const queue = steps.length > 0 ? [0] : []
  while (queue.length > 0) {
    const at = queue.pop() as number
    if (reached.has(at)) continue
    reached.add(at)
    queue.push(...(edges[at] ?? []))
  }
  steps.forEach((_, index) => {
    // A duplicate is reported once, as a duplicate.
    if (!reached.has(index) && firstIndexOf.get(steps[index]?.id ?? '') === index) problems.push({ kind: 'unreachable-step', index })
  })

  // Steps from which an end (or an already-reported dead end) can be reached: walk edges backwards.
  const incoming = steps.map(() => [] as number[])
  edges.forEach((targets, from) => targets.forEach((to) => incoming[to]?.push(from)))
  const canFinish = new Set<number>()
  const back = exits.flatMap((exit, index) => (exit ? [index] : []))
  while (back.length > 0) {
    const at = back.pop() as number
    if (canFinish.has(at)) continue
    canFinish.add(at)
    back.push(...(incoming[at] ?? []))
  }
  const stuck = [...reached].filter((index) => !canFinish.has(index)).sort((a, b) => a - b)
  if (stuck.length > 0) problems.push({ kind: 'no-exit', indexes: stuck })
  return problems
}

/**
 * Fewest moves from a step to an end step (0 on an end step), for the progress indicator.
 * Ends accepted by `isGoal` (the successful ones) are preferred; any end step otherwise.
 */
export function stepsToEnd(steps: readonly StepLinks[], id: string, isGoal: (step: StepLinks) => boolean = () => true): number | undefined {
  const indexOf = new Map(steps.map((step, index) => [step.id, index]))
  const start = indexOf.get(id)
  if (start === undefined) return undefined
  const distance = new Map<number, number>([[start, 0]])
  const queue = [start]
  let anyEnd: number | undefined
  while (queue.length > 0) {
    const at = queue.shift() as number
    const d = distance.get(at) as number
    const step = steps[at]
    if (step?.end) {
      if (isGoal(step)) return d
      anyEnd ??= d
      continue
    }
    for (const target of successors(steps, at)) {
      const to = indexOf.get(target)
      if (to !== undefined && !distance.has(to)) {
        distance.set(to, d + 1)
        queue.push(to)
      }
    }
  }
  return anyEnd
}

/**
 * The main path: the step ids from the first step to the nearest successful end (`isGoal`),
 * any end when no successful one is reachable. What a room is shown on the projector and what
 * the memo calls « le chemin principal »; dead ends and detours are left out.
 */
export function mainPath(steps: readonly StepLinks[], isGoal: (step: StepLinks) => boolean = () => true): string[] {
  const first = steps[0]
  if (!first) return []
  const indexOf = new Map<string, number>()
  steps.forEach((step, index) => {
    if (!indexOf.has(step.id)) indexOf.set(step.id, index)
  })
  const cameFrom = new Map<number, number>([[0, -1]])
  const queue = [0]
  let anyEnd: number | undefined
  let goal: number | undefined
  while (queue.length > 0 && goal === undefined) {
    const at = queue.shift() as number
    const step = steps[at] as StepLinks
    if (step.end) {
      if (isGoal(step)) goal = at
      else anyEnd ??= at
      continue
    }
    for (const target of successors(steps, at)) {
      const to = indexOf.get(target)
      if (to !== undefined && !cameFrom.has(to)) {
        cameFrom.set(to, at)
        queue.push(to)
      }
    }
  }
  const last = goal ?? anyEnd
  // No end reachable (content the checker refuses): every step in the order written.
  if (last === undefined) return steps.map((step) => step.id)
  const path: string[] = []
  for (let at = last; at >= 0; at = cameFrom.get(at) as number) path.unshift((steps[at] as StepLinks).id)
  return path
}
