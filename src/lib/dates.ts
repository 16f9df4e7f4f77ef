// Calendar helpers on local dates written as 'YYYY-MM-DD' (the form's and the reports' unit):
// no time zone arithmetic, so a log made at 23:30 stays on the day the mediator saw.

export type IsoDate = string

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Today's local date. */
export function today(now: Date = new Date()): IsoDate {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The local time as 'HH:MM'. */
export function timeOfDay(now: Date = new Date()): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`
}

function parts(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number)
  return [y ?? 1970, m ?? 1, d ?? 1]
}

/** UTC midnight of a calendar date: used only for day arithmetic, never shown. */
function toUtc(date: IsoDate): Date {
  const [y, m, d] = parts(date)
  return new Date(Date.UTC(y, m - 1, d))
}

function fromUtc(date: Date): IsoDate {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  return fromUtc(toUtc(value)) === value
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return fromUtc(d)
}

/** Adds calendar months, clamping the day (31 March − 1 month = 28 or 29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`
}

export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`
}

export function endOfMonth(date: IsoDate): IsoDate {
  return addDays(addMonths(startOfMonth(date), 1), -1)
}

/** 'YYYY-MM' */
export function monthKey(date: IsoDate): string {
  return date.slice(0, 7)
}

/** ISO 8601 week, 'YYYY-Www' (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(date: IsoDate): string {
  const d = toUtc(date)
  const day = (d.getUTCDay() + 6) % 7 // Monday = 0
  d.setUTCDate(d.getUTCDate() - day + 3) // Thursday of this week
  const year = d.getUTCFullYear()
  const yearStart = Date.UTC(year, 0, 1)
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7)
  return `${year}-W${pad(week)}`
}

/** Monday of the ISO week holding `date`. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  const day = (toUtc(date).getUTCDay() + 6) % 7
  return addDays(date, -day)
}

/** Rendering of a duration the way the national form shows its presets: 15mn, 1h, 1h30. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m}mn`
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}`
}

// Display through Intl, in the interface's locale.

/** « 12 mai 2025 » for a YYYY-MM-DD day (read as a calendar day, whatever the time zone). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
}

/** « 12/05/2025 14:03 » for a moment. */
export function formatMoment(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
}
