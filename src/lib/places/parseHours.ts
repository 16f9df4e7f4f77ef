// Turns an OpenStreetMap `opening_hours` text into the weekly intervals stored with a place.
// Runs at import only (in the import chunk of the app, or on the server): the opening_hours
// library weighs over 100 KB gzipped and never loads on the list or search screens.
import OpeningHours from 'opening_hours'
import { WEEK_MINUTES, type PlaceHours } from '../../schemas/places.ts'

/**
 * The typical week the rules are read over: Monday 8 to Monday 15 January 2024, local time, a
 * week with no French public holiday, no school-holiday ambiguity and no clock change. Rules
 * on public holidays (`PH off`) or seasons (`Jul-Aug off`) therefore do not show in the weekly
 * intervals; `weekStable: false` says the real week may differ.
 */
const WEEK_START = new Date(2024, 0, 8, 0, 0, 0)
const WEEK_END = new Date(2024, 0, 15, 0, 0, 0)
/** Public holidays are French; the library needs a country to evaluate `PH`. */
const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } }

export type ParsedHours = { ok: true; hours: PlaceHours } | { ok: false; reason: string }

export function parseOpeningHours(text: string): ParsedHours {
  let oh: OpeningHours
  try {
    oh = new OpeningHours(text, FRANCE, { mode: 0, tag_key: 'opening_hours', map_value: false, warnings_severity: 4, locale: 'fr' })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: message.replace(/\s+/g, ' ').trim().slice(0, 200) || 'unparsable' }
  }
  const minute = (date: Date) => Math.round((date.getTime() - WEEK_START.getTime()) / 60000)
  const weekly: [number, number][] = []
  for (const [from, to] of oh.getOpenIntervals(WEEK_START, WEEK_END)) {
    const start = Math.max(0, minute(from))
    const end = Math.min(WEEK_MINUTES, minute(to))
    if (end <= start) continue
    const last = weekly.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else weekly.push([start, end])
  }
  // The week is read from Monday 00:00, so an opening carried over from Sunday night shows
  // as Monday's first interval, as it does every week.
  return { ok: true, hours: { weekly, weekStable: oh.isWeekStable() } }
}
