// Opening hours: parsed once at import into weekly intervals, then read without the library.
import { describe, expect, it } from 'vitest'
import { parseOpeningHours } from '@/lib/places/parseHours'
import { isOpenAt, openingStatus, openingsOfDay, opensOnDay } from '@/lib/places/hours'
import type { PlaceHours } from '@/schemas/places'

function hours(text: string): PlaceHours {
  const parsed = parseOpeningHours(text)
  if (!parsed.ok) throw new Error(parsed.reason)
  return parsed.hours
}
/** A local date of the week of Monday 30 November 2026. */
const at = (day: number, time: string) => {
  const [h, m] = time.split(':').map(Number)
  return new Date(2026, 10, 30 + day, h, m)
}
const MON = 0, TUE = 1, WED = 2, SAT = 5, SUN = 6

describe('parsing at import', () => {
  it('reads an override rule for one day (Mo-Fr 09:00-17:00; We 13:00-16:30)', () => {
    const h = hours('Mo-Fr 09:00-17:00; We 13:00-16:30')
    expect(openingsOfDay(h, MON)).toEqual([[540, 1020]])
    expect(openingsOfDay(h, WED)).toEqual([[780, 990]])
    expect(isOpenAt(h, at(WED, '10:00'))).toBe(false)
    expect(isOpenAt(h, at(WED, '13:30'))).toBe(true)
    expect(isOpenAt(h, at(TUE, '10:00'))).toBe(true)
    expect(h.weekStable).toBe(true)
  })

  it('ignores public-holiday rules gracefully: a typical week, flagged as varying', () => {
    const h = hours('Mo-Fr 09:00-12:00; PH off')
    expect(openingsOfDay(h, MON)).toEqual([[540, 720]])
    expect(h.weekStable).toBe(false)
    expect(parseOpeningHours('Mo-Sa 10:00-18:00; PH 10:00-12:00').ok).toBe(true)
  })

  it('refuses free French text (the import keeps it as text)', () => {
    expect(parseOpeningHours('du lundi au vendredi de 9h à 12h').ok).toBe(false)
    expect(parseOpeningHours('horaires : voir ci-dessous').ok).toBe(false)
  })
})

describe('open now, across midnight', () => {
  const late = hours('Fr-Sa 20:00-02:00')

  it('is open on Saturday at 01:00 (Friday night’s opening) and closed at 03:00', () => {
    expect(isOpenAt(late, at(SAT, '01:00'))).toBe(true)
    expect(isOpenAt(late, at(SAT, '03:00'))).toBe(false)
    expect(openingStatus(late, at(SAT, '01:00'))).toEqual({ state: 'open', until: { weekday: SAT, minute: 120, inDays: 0 } })
  })

  it('is open on Sunday at 01:00 and on Saturday at 23:59 until 02:00 the next day', () => {
    expect(isOpenAt(late, at(SUN, '01:00'))).toBe(true)
    expect(openingStatus(late, at(SAT, '23:59'))).toEqual({ state: 'open', until: { weekday: SUN, minute: 120, inDays: 1 } })
  })

  it('follows an opening over Sunday midnight into Monday', () => {
    const sunday = hours('Su 22:00-03:00')
    expect(isOpenAt(sunday, at(MON, '02:00'))).toBe(true)
    expect(openingStatus(sunday, at(SUN, '23:00'))).toEqual({ state: 'open', until: { weekday: MON, minute: 180, inDays: 1 } })
    expect(openingsOfDay(sunday, SUN)).toEqual([[1320, 1620]])
    expect(openingsOfDay(sunday, MON)).toEqual([])
  })

  it('says when a closed place opens next, even next week', () => {
    const h = hours('Tu 09:00-12:00')
    expect(openingStatus(h, at(MON, '18:00'))).toEqual({ state: 'closed', opens: { weekday: TUE, minute: 540, inDays: 1 } })
    expect(openingStatus(h, at(TUE, '13:00'))).toEqual({ state: 'closed', opens: { weekday: TUE, minute: 540, inDays: 7 } })
  })

  it('is open all week round with 24/7, with no closing time', () => {
    expect(openingStatus(hours('24/7'), at(WED, '03:00'))).toEqual({ state: 'open', until: null })
  })

  it('knows nothing of a place without parsed hours', () => {
    expect(openingStatus(null, at(MON, '10:00'))).toEqual({ state: 'unknown' })
    expect(isOpenAt(null, at(MON, '10:00'))).toBe(false)
  })

  it('tells whether a place opens on a day', () => {
    const h = hours('Mo-Fr 09:00-17:00; We 13:00-16:30')
    expect(opensOnDay(h, WED)).toBe(true)
    expect(opensOnDay(h, SAT)).toBe(false)
  })
})
