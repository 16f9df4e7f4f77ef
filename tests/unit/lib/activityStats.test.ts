import { describe, expect, it } from 'vitest'
import { computeStats, emptyTrend, percent } from '@/lib/activityStats'
import { AGE_BRACKETS, OUTCOMES, THEMES } from '@/schemas/lists'
import { generator } from '../accompaniments/generate'

describe('activity statistics', () => {
  const g = generator(42)
  const sessions = Array.from({ length: 6000 }, () => g.session('2025-11-15', 200))
  const workshops = Array.from({ length: 600 }, () => g.workshop('2025-11-15', 200))
  const period = { from: '2026-01-01', to: '2026-03-31', granularity: 'month' as const }
  const stats = computeStats(sessions, workshops, period)

  // The independent computation: filter the raw data once per question.
  const liveS = sessions.filter((s) => !s.deletedAt && s.date >= period.from && s.date <= period.to)
  const liveW = workshops.filter((w) => !w.deletedAt && w.status === 'held' && w.date >= period.from && w.date <= period.to)

  it('counts activities, people and time by kind', () => {
    expect(liveS.length).toBeGreaterThan(2000)
    expect(stats.byKind.individuel.activities).toBe(liveS.length)
    expect(stats.byKind.collectif.activities).toBe(liveW.length)
    expect(stats.activities).toBe(liveS.length + liveW.length)
    const participants = liveW.map((w) => w.participants?.total ?? 0).reduce((a, b) => a + b, 0)
    expect(stats.people).toBe(liveS.length + participants)
    const minutes = [...liveS, ...liveW].map((r) => r.durationMinutes ?? 0).reduce((a, b) => a + b, 0)
    expect(stats.minutes).toBe(minutes)
  })

  it('counts each theme once per activity tagged with it', () => {
    for (const theme of THEMES) {
      const expected = liveS.filter((s) => s.themes.includes(theme)).length + liveW.filter((w) => w.themes.includes(theme)).length
      expect(stats.byTheme[theme], theme).toBe(expected)
    }
  })

  it('counts outcomes and referrals of accompaniments', () => {
    for (const outcome of OUTCOMES) expect(stats.byOutcome[outcome]).toBe(liveS.filter((s) => s.outcome === outcome).length)
    expect(stats.referral.oriented).toBe(liveS.filter((s) => s.referral.oriented === true).length)
    expect(stats.referral.notOriented).toBe(liveS.filter((s) => s.referral.oriented === false).length)
    expect(stats.referral.unanswered).toBe(liveS.filter((s) => s.referral.oriented === null).length)
    expect(stats.referral.byType.administration).toBe(liveS.filter((s) => s.referral.structureType === 'administration').length)
  })

  it('counts people by age bracket, unanswered as not given', () => {
    for (const bracket of AGE_BRACKETS) {
      let expected = liveS.filter((s) => (s.profile.ageBracket ?? 'non_communique') === bracket).length
      for (const w of liveW) {
        const total = w.participants?.total ?? 0
        const given = w.participants?.byAge?.[bracket] ?? 0
        const assigned = Object.values(w.participants?.byAge ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0)
        expected += given + (bracket === 'non_communique' ? Math.max(0, total - assigned) : 0)
      }
      expect(stats.byAge[bracket], bracket).toBe(expected)
    }
    const people = Object.values(stats.byAge).reduce((a, b) => a + b, 0)
    expect(people).toBe(stats.people)
  })

  it('spreads activities over the months of the period', () => {
    expect(stats.trend.map((b) => b.key)).toEqual(['2026-01', '2026-02', '2026-03'])
    for (const bucket of stats.trend) {
      const inMonth = (d: string) => d.startsWith(bucket.key)
      expect(bucket.individuel).toBe(liveS.filter((s) => inMonth(s.date)).length)
      expect(bucket.collectif).toBe(liveW.filter((w) => inMonth(w.date)).length)
    }
    expect(stats.trend.reduce((a, b) => a + b.minutes, 0)).toBe(stats.minutes)
  })

  it('buckets by ISO week, Monday first, across a year boundary', () => {
    const weeks = emptyTrend('2025-12-24', '2026-01-12', 'week')
    expect(weeks.map((w) => `${w.key}@${w.start}`)).toEqual(['2025-W52@2025-12-22', '2026-W01@2025-12-29', '2026-W02@2026-01-05', '2026-W03@2026-01-12'])
    const weekly = computeStats(sessions, workshops, { ...period, granularity: 'week' })
    expect(weekly.trend.reduce((a, b) => a + b.activities, 0)).toBe(stats.activities)
  })

  it('rounds shares and survives an empty total', () => {
    expect(percent(1, 3)).toBe(33)
    expect(percent(0, 0)).toBe(0)
  })
})
