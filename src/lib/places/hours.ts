// « Ouvert maintenant », the next opening, the openings of a day: read from the weekly intervals
// stored with a place (parsed at import), never from the opening_hours library.
// Weekly minutes count from Monday 00:00 local time; weekday 0 is Monday.
import { WEEK_MINUTES, type PlaceHours } from '../../schemas/places.ts'

const DAY = 24 * 60

/** Minutes since Monday 00:00 (local time) of a date. */
export function weeklyMinute(date: Date): number {
  const weekday = (date.getDay() + 6) % 7
  return weekday * DAY + date.getHours() * 60 + date.getMinutes()
}

/** A moment of the week: weekday (0 Monday … 6 Sunday) and minute of the day. */
export interface WeekMoment {
  weekday: number
  minute: number
  /** Days from today (0 today, 1 tomorrow, … up to 7 for the same weekday next week). */
  inDays: number
}

export type OpeningStatus =
  | { state: 'open'; until: WeekMoment | null }
  | { state: 'closed'; opens: WeekMoment | null }
  | { state: 'unknown' }

export function isOpenAt(hours: PlaceHours | null, date: Date): boolean {
  if (!hours) return false
  const m = weeklyMinute(date)
  return hours.weekly.some(([start, end]) => start <= m && m < end)
}

/** A moment given in weekly minutes that may run past the week's end, seen from `fromMinute`. */
function moment(absolute: number, fromMinute: number): WeekMoment {
  const m = absolute % WEEK_MINUTES
  return { weekday: Math.floor(m / DAY), minute: m % DAY, inDays: Math.floor(absolute / DAY) - Math.floor(fromMinute / DAY) }
}

/**
 * Whether the place is open at `date`, until when, or when it opens next. Openings that touch
 * (across midnight, across Sunday night into Monday) count as one; `until: null` means open
 * all week round.
 */
export function openingStatus(hours: PlaceHours | null, date: Date): OpeningStatus {
  if (!hours) return { state: 'unknown' }
  const intervals = hours.weekly
  if (intervals.length === 0) return { state: 'closed', opens: null }
  const now = weeklyMinute(date)
  const current = intervals.find(([start, end]) => start <= now && now < end)
  if (current) {
    let end = current[1]
    for (let steps = 0; steps <= intervals.length && end - now < WEEK_MINUTES; steps++) {
      const next = intervals.find(([start]) => start === end % WEEK_MINUTES)
      if (!next) break
      end += next[1] - next[0]
    }
    return { state: 'open', until: end - now >= WEEK_MINUTES ? null : moment(end, now) }
  }
  const later = intervals.find(([start]) => start > now)
  return { state: 'closed', opens: moment(later ? later[0] : intervals[0]![0] + WEEK_MINUTES, now) }
}

/**
 * The openings that start on a weekday, in minutes of that day; an opening past midnight ends
 * above 1440. The part of Sunday night's opening carried into Monday belongs to Sunday.
 */
export function openingsOfDay(hours: PlaceHours | null, weekday: number): [number, number][] {
  if (!hours) return []
  const from = weekday * DAY
  const wrapsIntoMonday = hours.weekly.some(([, end]) => end === WEEK_MINUTES)
  const mondayCarry = hours.weekly.find(([start]) => start === 0)
  const out: [number, number][] = []
  for (const [start, end] of hours.weekly) {
    if (start < from || start >= from + DAY) continue
    if (start === 0 && wrapsIntoMonday && end < DAY && hours.weekly.length > 1) continue
    const carry = end === WEEK_MINUTES && mondayCarry && mondayCarry[1] < DAY && hours.weekly.length > 1 ? mondayCarry[1] : 0
    out.push([start - from, end - from + carry])
  }
  return out
}

/** Whether the place opens at some point of that weekday. */
export function opensOnDay(hours: PlaceHours | null, weekday: number): boolean {
  if (!hours) return false
  const from = weekday * DAY
  const to = from + DAY
  return hours.weekly.some(([start, end]) => start < to && end > from)
}
