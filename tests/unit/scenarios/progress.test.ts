import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, useDatabase } from '@/db/database'
import { ScenarioSchema } from '@/features/scenarios/format'
import { IDLE_CAP_SECONDS, arriveAt, elapsedMinutes, markStuck, newProgress, parseProgress, previousStepId, resumePlan, unmarkStuck } from '@/features/scenarios/progress'
import { loadProgress, recentProgress, saveProgress } from '@/features/scenarios/repo'

const scenario = ScenarioSchema.parse(parse(readFileSync(new URL('./fixtures/valid/scenarios/exemple-parcours.yaml', import.meta.url), 'utf8')))
const t0 = new Date('2025-06-01T10:00:00Z')
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000)

describe('scenario progress', () => {
  it('walks forward, records answers, and finishes on an end step', () => {
    let p = newProgress(scenario, 'allumer', t0)
    p = arriveAt(p, scenario, 'trouver-application', later(30))
    p = arriveAt(p, scenario, 'ouvrir', later(60), { stepId: 'trouver-application', choice: 0 })
    expect(p.history).toEqual(['allumer', 'trouver-application', 'ouvrir'])
    expect(p.answers).toEqual({ 'trouver-application': 0 })
    expect(previousStepId(p)).toBe('trouver-application')
    p = arriveAt(p, scenario, 'orienter', later(90), { stepId: 'ouvrir', choice: 1 })
    expect(p.finishedAt).toBe(later(90).toISOString())
    expect(p.outcome).toBe('refer')
  })

  it('forgets answers given after a step the person walks back to', () => {
    let p = newProgress(scenario, 'trouver-application', t0)
    p = arriveAt(p, scenario, 'ouvrir', later(10), { stepId: 'trouver-application', choice: 0 })
    p = arriveAt(p, scenario, 'lire', later(20), { stepId: 'ouvrir', choice: 0 })
    p = arriveAt(p, scenario, 'trouver-application', later(30))
    expect(p.history).toEqual(['trouver-application'])
    expect(p.answers).toEqual({})
  })

  it('counts active time, capping long pauses', () => {
    let p = newProgress(scenario, 'allumer', t0)
    p = arriveAt(p, scenario, 'trouver-application', later(90))
    p = arriveAt(p, scenario, 'ouvrir', later(90 + 7 * 24 * 3600), { stepId: 'trouver-application', choice: 0 })
    expect(p.activeSeconds).toBe(90 + IDLE_CAP_SECONDS)
    expect(elapsedMinutes(p)).toBe(12)
    expect(elapsedMinutes(newProgress(scenario, 'allumer', t0))).toBe(1)
  })

  it('marks and unmarks « bloqué·e » as a needs-help ending', () => {
    const stuck = markStuck(newProgress(scenario, 'allumer', t0), later(5))
    expect(stuck).toMatchObject({ stuck: true, outcome: 'needs-help', finishedAt: later(5).toISOString() })
    expect(unmarkStuck(stuck, later(6))).toMatchObject({ stuck: false, outcome: null, finishedAt: null })
  })

  it('offers to resume unfinished progress however old, and restarts when its step is gone', () => {
    const old = { ...newProgress(scenario, 'allumer', new Date('2024-01-01T00:00:00Z')), currentStepId: 'ouvrir', history: ['allumer', 'gone', 'ouvrir'] }
    const plan = resumePlan(old, scenario)
    expect(plan.kind).toBe('resume')
    if (plan.kind === 'resume') expect(plan.progress.history).toEqual(['allumer', 'ouvrir'])
    expect(resumePlan({ ...old, currentStepId: 'gone', scenarioVersion: 0 }, scenario)).toEqual({ kind: 'restart-updated' })
    expect(resumePlan({ ...old, finishedAt: old.startedAt }, scenario)).toEqual({ kind: 'fresh' })
    expect(resumePlan(newProgress(scenario, 'allumer', t0), scenario)).toEqual({ kind: 'fresh' })
    expect(resumePlan(undefined, scenario)).toEqual({ kind: 'fresh' })
  })

  it('reads stored records defensively', () => {
    expect(parseProgress(null)).toBeUndefined()
    expect(parseProgress({ scenarioId: 'x' })).toBeUndefined()
    const parsed = parseProgress({ scenarioId: 'x', scenarioVersion: 2, currentStepId: 'a', startedAt: t0.toISOString(), history: ['a', 3], answers: { a: 1, b: 'no' }, outcome: 'weird' })
    expect(parsed).toMatchObject({ history: ['a'], answers: { a: 1 }, outcome: null, finishedAt: null, activeSeconds: 0, stuck: false })
  })
})

describe('scenario progress repository', () => {
  beforeEach(() => useDatabase(new TandemDatabase(`progress-${Math.random()}`)))

  it('saves, reloads and lists the most recent first', async () => {
    const a = newProgress(scenario, 'allumer', t0)
    const b = { ...newProgress(scenario, 'ouvrir', later(60)), scenarioId: 'autre' }
    await saveProgress(a)
    await saveProgress(b)
    expect(await loadProgress(scenario.id)).toEqual(a)
    expect((await recentProgress(5)).map((p) => p.scenarioId)).toEqual(['autre', scenario.id])
    expect(await recentProgress(1)).toHaveLength(1)
  })
})
