import { describe, expect, it } from 'vitest'
import { monthLabel, summaryMonthOf } from '@/features/stats/statsRows'

const day = (date: string, counts: Record<string, number>) => ({ date, counts })

describe('the month « Bilan mensuel » opens', () => {
  const year = { from: '2026-01-01', to: '2026-12-01' }

  it('is the current month when it has activity, not January of the period', () => {
    const days = [day('2026-01-12', { 'act:individuel': 2 }), day('2026-12-01', { 'act:collectif': 1 })]
    expect(summaryMonthOf(days, year, '2026-12-01')).toBe('2026-12')
  })

  it('is the last month with activity when the current one has none yet', () => {
    const days = [day('2026-03-04', { 'act:individuel': 1 }), day('2026-10-30', { 'act:individuel': 1, 'th:email': 1 }), day('2026-11-20', { 'th:email': 0 })]
    expect(summaryMonthOf(days, year, '2026-12-01')).toBe('2026-10')
  })

  it('is the period’s last month up to today when nothing happened, and ignores days outside the period', () => {
    expect(summaryMonthOf([], year, '2026-12-01')).toBe('2026-12')
    expect(summaryMonthOf([day('2027-02-01', { 'act:individuel': 1 })], year, '2026-12-01')).toBe('2026-12')
    expect(summaryMonthOf([], { from: '2025-01-01', to: '2025-06-30' }, '2026-12-01')).toBe('2025-06')
  })
})

describe('month names', () => {
  it('says « janvier 2026 » in the interface language, never « 2026-01 »', () => {
    expect(monthLabel('2026-01', 'fr')).toBe('janvier 2026')
    expect(monthLabel('2026-01', 'en')).toBe('January 2026')
    expect(monthLabel('2026-01', 'ar')).not.toContain('2026-01')
  })
})
