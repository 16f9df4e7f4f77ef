// Opening hours in plain words of the interface language (« Ouvert jusqu'à 17 h », « Fermé —
// ouvre mardi à 9 h »), through Intl for times and day names. Reads the stored weekly intervals
// only (src/lib/places/hours.ts), never the opening_hours library.
import { openingStatus, openingsOfDay, type OpeningStatus } from '@/lib/places/hours'
import type { Place } from '@/schemas/places'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** Monday 8 January 2024: day names are read from that week. */
const MONDAY = Date.UTC(2024, 0, 8, 12)

export function dayName(weekday: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(MONDAY + weekday * 86_400_000))
}

/** A time of day in the locale's way: « 9 h », « 14:30 », « 9 AM ». 1440 and above wrap past midnight. */
export function timeText(minute: number, locale: string): string {
  const m = minute % 1440
  const date = new Date(Date.UTC(2024, 0, 8, Math.floor(m / 60), m % 60))
  const options: Intl.DateTimeFormatOptions = m % 60 === 0 ? { hour: 'numeric', timeZone: 'UTC' } : { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }
  // « 9 h », not « 09 h »: the hour loses a leading zero (Western digits only).
  return new Intl.DateTimeFormat(locale, options)
    .formatToParts(date)
    .map((part) => (part.type === 'hour' && /^0\d$/.test(part.value) ? part.value.slice(1) : part.value))
    .join('')
}

export function statusText(place: Pick<Place, 'hours' | 'hoursText'>, status: OpeningStatus, t: Translate, locale: string): string {
  if (status.state === 'unknown') return place.hoursText ? t('places.hours.seeBelow') : t('places.hours.unknown')
  if (status.state === 'open') {
    if (!status.until) return t('places.hours.alwaysOpen')
    const time = timeText(status.until.minute, locale)
    return status.until.inDays === 0 ? t('places.hours.openUntil', { time }) : t('places.hours.openUntilDay', { time, day: dayName(status.until.weekday, locale) })
  }
  if (!status.opens) return t('places.hours.closed')
  const time = timeText(status.opens.minute, locale)
  if (status.opens.inDays === 0) return t('places.hours.closedOpensToday', { time })
  if (status.opens.inDays === 1) return t('places.hours.closedOpensTomorrow', { time })
  return t('places.hours.closedOpensOn', { time, day: dayName(status.opens.weekday, locale) })
}

/** The status line of a place now. */
export function openingText(place: Pick<Place, 'hours' | 'hoursText'>, now: Date, t: Translate, locale: string): { text: string; open: boolean } {
  const status = openingStatus(place.hours, now)
  return { text: statusText(place, status, t, locale), open: status.state === 'open' }
}

/** One line per weekday, Monday first: « lundi : 9 h – 12 h, 14 h – 18 h ». */
export function weekLines(place: Pick<Place, 'hours'>, t: Translate, locale: string): { day: string; text: string }[] {
  return Array.from({ length: 7 }, (_, weekday) => {
    const openings = openingsOfDay(place.hours, weekday)
    const text = openings.length === 0 ? t('places.hours.closedDay') : openings.map(([a, b]) => `${timeText(a, locale)} – ${timeText(b, locale)}`).join(', ')
    return { day: dayName(weekday, locale), text }
  })
}
