// How a form borrows the directory: it opens /places?return=<its own path>; « Orienter ici »
// goes back to that path with `place=<id>` added, and the form records the referral. Only a
// path inside the app is accepted as a return (never another site).

/** The return path of the query, when it is a path of this app. */
export function returnPath(raw: unknown): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || value.length > 500) return null
  return value
}

/** The return path with the chosen place added to its query. */
export function pathWithPlace(path: string, placeId: string): string {
  const url = new URL(path, 'http://app.invalid')
  url.searchParams.set('place', placeId)
  return `${url.pathname}${url.search}${url.hash}`
}
