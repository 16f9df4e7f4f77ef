// Dates of the scenario feature through Intl, in the interface's locale.

/** « 12 mai 2025 » for a YYYY-MM-DD day (read as a calendar day, whatever the time zone). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
}

/** « 12/05/2025 14:03 » for a moment. */
export function formatMoment(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
}
