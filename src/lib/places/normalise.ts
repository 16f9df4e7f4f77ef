// Normalisation of the values of a places file before they are matched or stored: case,
// accents, apostrophes and spaces; postcodes that lost their leading zero; phone numbers.
// Relative imports only: the server's importer uses it too.

/** Folds a text into a matching key: lower case, no accents, no apostrophes, quotes or punctuation. */
export function matchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '')
}

/** Trims and collapses every run of white space (non-breaking ones included) to one space. */
export function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim()
}

/** Straight apostrophes in text that is shown (the file mixes ' and ’). */
export function displayText(value: string | null | undefined): string | null {
  const text = cleanText(value).replace(/[\u2018\u2019\u02bc]/g, "'")
  return text === '' ? null : text
}

/** A search key for names and communes: words folded, joined by one space. */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\bst(e?)\b/g, 'saint$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Splits a multi-valued cell on `|` (v1) or `;` (v0 and mixed files); empty parts dropped. */
export function splitList(value: string | null | undefined): string[] {
  return cleanText(value)
    .split(/[|;]/)
    .map((part) => cleanText(part))
    .filter((part) => part !== '')
}

export type Normalised<T> = { ok: true; value: T; changed: boolean } | { ok: false; reason: string }

/** A five-digit postcode; a four-digit one lost its leading zero in a spreadsheet (`1000` → `01000`). */
export function normalisePostcode(raw: string): Normalised<string> {
  const digits = cleanText(raw).replace(/\s/g, '')
  if (/^\d{5}$/.test(digits)) return { ok: true, value: digits, changed: digits !== raw }
  if (/^\d{4}$/.test(digits)) return { ok: true, value: `0${digits}`, changed: true }
  if (/^\d{5}\.0+$/.test(digits)) return { ok: true, value: digits.slice(0, 5), changed: true }
  return { ok: false, reason: 'invalid_postcode' }
}

/** An INSEE code; four digits lost their leading zero too. */
export function normaliseInsee(raw: string): Normalised<string> {
  const code = cleanText(raw).replace(/\s/g, '').toUpperCase()
  const fixed = /^\d{4}$/.test(code) ? `0${code}` : code
  if (/^([013-9]\d|2[AB1-9])\d{3}$/.test(fixed)) return { ok: true, value: fixed, changed: fixed !== raw }
  return { ok: false, reason: 'invalid_insee_code' }
}

/** The département of a postcode (overseas: three digits; Corsica from the INSEE code, else 2A/2B by postcode). */
export function departementOf(postcode: string, insee: string | null): string {
  if (insee && /^2[AB]/.test(insee)) return insee.slice(0, 2)
  if (postcode.startsWith('97') || postcode.startsWith('98')) return postcode.slice(0, 3)
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B'
  return postcode.slice(0, 2)
}

const OVERSEAS_PREFIXES = ['590', '594', '262', '596', '269', '687', '689', '508', '681'] as const

/**
 * One phone number in `+33…` form: `06 20 57 00 93`, `0620570093`, `33630392518`,
 * `+33 (0)6 20…` all become `+33620570093`. When the cell holds two numbers, the first is
 * kept (the second is reported as dropped by the caller).
 */
export function normalisePhone(raw: string): Normalised<string> & { rest?: string } {
  const text = cleanText(raw)
  if (text === '') return { ok: false, reason: 'empty' }
  const parts = text.split(/\s*(?:[/;|,]|\bou\b|\bet\b)\s*/).filter((p) => /\d/.test(p))
  const first = parts[0] ?? text
  const rest = parts.length > 1 ? parts.slice(1).join(' / ') : undefined
  let digits = first.replace(/\(0\)/g, '').replace(/[^\d+]/g, '')
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`
  let value: string | null = null
  if (/^\+\d{7,12}$/.test(digits)) value = digits
  else if (/^0[1-9]\d{8}$/.test(digits)) value = `+33${digits.slice(1)}`
  else if (/^33[1-9]\d{8}$/.test(digits)) value = `+${digits}`
  else if (OVERSEAS_PREFIXES.some((p) => digits.startsWith(p)) && /^\d{9,12}$/.test(digits)) value = `+${digits}`
  if (value && /^\+330/.test(value)) value = `+33${value.slice(4)}`
  if (!value || !/^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$/.test(value)) return { ok: false, reason: 'invalid_phone' }
  return { ok: true, value, changed: value !== raw, ...(rest ? { rest } : {}) }
}

/** A web address; a missing scheme gets `https://` (real files omit it). */
export function normaliseUrl(raw: string): Normalised<string> {
  const text = cleanText(raw)
  const withScheme = /^https?:\/\//i.test(text) ? text : /^[\w-]+(\.[\w-]+)+(\/.*)?$/.test(text) ? `https://${text}` : null
  if (!withScheme) return { ok: false, reason: 'invalid_url' }
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'invalid_url' }
    return { ok: true, value: withScheme, changed: withScheme !== raw }
  } catch {
    return { ok: false, reason: 'invalid_url' }
  }
}

export function normaliseEmail(raw: string): Normalised<string> {
  const value = cleanText(raw).toLowerCase()
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? { ok: true, value, changed: value !== raw } : { ok: false, reason: 'invalid_email' }
}

/** `YYYY-MM-DD`, or `dd/mm/yyyy` as spreadsheets write it. */
export function normaliseDate(raw: string): Normalised<string> {
  const text = cleanText(raw)
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2]?.padStart(2, '0'), french[1]?.padStart(2, '0')] : []
  if (!y || !m || !d) return { ok: false, reason: 'invalid_date' }
  const value = `${y}-${m}-${d}`
  const date = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return { ok: false, reason: 'invalid_date' }
  return { ok: true, value, changed: value !== text }
}

/**
 * WGS84 coordinates. Swapped ones (a latitude that only makes sense as a longitude, for
 * metropolitan France) are put back; Lambert-93 metres and anything out of range are refused.
 */
export function normaliseCoordinates(rawLat: string, rawLon: string): Normalised<[number, number]> | { ok: true; value: null; changed: false } {
  const lat0 = cleanText(rawLat).replace(',', '.')
  const lon0 = cleanText(rawLon).replace(',', '.')
  if (lat0 === '' && lon0 === '') return { ok: true, value: null, changed: false }
  const lat = Number(lat0)
  const lon = Number(lon0)
  if (lat0 === '' || lon0 === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) return { ok: false, reason: 'invalid_coordinates' }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return { ok: false, reason: 'not_wgs84' }
  // Metropolitan France: latitude 41–51.5, longitude −5.5–10. A latitude in the longitude band
  // with a longitude in the latitude band is a swap.
  if (lon >= 41 && lon <= 51.5 && lat >= -5.5 && lat <= 10) return { ok: true, value: [lon, lat], changed: true }
  if (lat === 0 && lon === 0) return { ok: false, reason: 'invalid_coordinates' }
  return { ok: true, value: [lat, lon], changed: false }
}
