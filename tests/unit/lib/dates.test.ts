import { describe, expect, it } from 'vitest'
import { addDays, addMonths, endOfMonth, isIsoDate, isoWeekKey, startOfIsoWeek, today } from '@/lib/dates'
import { retentionCutoff } from '@/features/journal/retention'

describe('calendar dates', () => {
  it('reads today in local time', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
  })
  it('adds months, clamping the day', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29')
    expect(addMonths('2026-01-15', -24)).toBe('2024-01-15')
    expect(addMonths('2025-12-10', 1)).toBe('2026-01-10')
  })
  it('finds ISO weeks', () => {
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01')
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53')
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01')
    expect(startOfIsoWeek('2026-03-15')).toBe('2026-03-09')
  })
  it('checks dates and month ends', () => {
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
  it('puts the retention cut-off the given months back', () => {
    expect(retentionCutoff('2026-03-15', 24)).toBe('2024-03-15')
  })
})
