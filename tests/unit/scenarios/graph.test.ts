import { describe, expect, it } from 'vitest'
import { checkGraph, mainPath, nextStepId, stepsToEnd, type StepLinks } from '@/features/scenarios/graph'

const step = (id: string, links: Partial<StepLinks> = {}): StepLinks => ({ id, end: false, ...links })
const end = (id: string): StepLinks => ({ id, end: true })

describe('scenario graph', () => {
  it('follows the list by default and an explicit next otherwise', () => {
    const steps = [step('a'), step('b', { next: 'd' }), end('c'), step('d', { next: 'c' })]
    expect(nextStepId(steps, 'a')).toBe('b')
    expect(nextStepId(steps, 'b')).toBe('d')
    expect(nextStepId(steps, 'c')).toBeUndefined()
    expect(checkGraph(steps)).toEqual([])
  })

  it('accepts branches that all end', () => {
    expect(checkGraph([step('a', { choices: ['b', 'c'] }), end('b'), step('c', { next: 'a' })])).toEqual([])
  })

  it('finds duplicates, unknown targets and unreachable steps', () => {
    const problems = checkGraph([step('a', { choices: ['b', 'x'] }), end('b'), end('b'), end('lost')])
    expect(problems).toContainEqual({ kind: 'duplicate-step', index: 2, id: 'b', firstIndex: 1 })
    expect(problems).toContainEqual({ kind: 'unknown-step', index: 0, choice: 1, target: 'x' })
    expect(problems).toContainEqual({ kind: 'unreachable-step', index: 3 })
    expect(problems.filter((p) => p.kind === 'unreachable-step')).toHaveLength(1)
  })

  it('finds a loop with no way out but not a loop with an exit', () => {
    const trapped = checkGraph([step('a', { choices: ['b', 'end'] }), step('b', { next: 'c' }), step('c', { next: 'b' }), end('end')])
    expect(trapped).toEqual([{ kind: 'no-exit', indexes: [1, 2] }])
    const escapable = checkGraph([step('a'), step('b', { choices: ['a', 'end'] }), end('end')])
    expect(escapable).toEqual([])
  })

  it('reports a last step with nowhere to go once', () => {
    expect(checkGraph([step('a'), step('b')])).toEqual([{ kind: 'falls-off-end', index: 1 }])
  })

  it('counts the fewest moves to a successful end, else to any end', () => {
    const steps = [step('a', { choices: ['help', 'b'] }), end('help'), step('b'), end('done')]
    expect(stepsToEnd(steps, 'a')).toBe(1)
    expect(stepsToEnd(steps, 'a', (s) => s.id === 'done')).toBe(2)
    expect(stepsToEnd(steps, 'a', () => false)).toBe(1)
    expect(stepsToEnd(steps, 'done')).toBe(0)
    expect(stepsToEnd(steps, 'nope')).toBeUndefined()
  })

  it('finds the main path: first step to the nearest successful end, skipping dead ends', () => {
    // a asks; « no » leads to a help end; b asks again; c is a detour back to b.
    const steps = [step('a', { choices: ['help', 'b'] }), { id: 'help', end: true }, step('b', { choices: ['c', 'done'] }), step('c', { next: 'b' }), { id: 'done', end: true }]
    expect(mainPath(steps, (s) => s.id === 'done')).toEqual(['a', 'b', 'done'])
    // Without a successful end, the nearest end of any kind.
    expect(mainPath(steps, () => false)).toEqual(['a', 'help'])
    expect(mainPath([])).toEqual([])
    // Content without any end (refused by the checker) shows its steps as written.
    expect(mainPath([step('x'), step('y')])).toEqual(['x', 'y'])
  })
})
