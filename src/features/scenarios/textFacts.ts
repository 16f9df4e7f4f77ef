// Facts about scenario texts that the checker and the coverage report need: how many words a
// person reads, the sentences of an easy-read text, the addresses and phone numbers it contains.
// Pure functions of strings, no dependency: usable at build time and in tests.
import { markdownToPlainText } from '../../lib/markdown.ts'

/** Words of a text as a person reads it (Markdown removed); « l’identifiant » and « 3646 » are one word each. */
export function wordCount(source: string | undefined): number {
  if (!source) return 0
  return markdownToPlainText(source)
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}

/** Sentences of a text: a line, a list item, or a run ending in . ! ? or … */
export function sentences(source: string): string[] {
  return markdownToPlainText(source)
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.!?…])\s+/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
}

/** Every address a text points to: Markdown link targets and bare addresses, http(s) and tel:. */
export function linksIn(source: string): string[] {
  const found: string[] = []
  for (const match of source.matchAll(/\]\(([^)\s]+)\)/g)) found.push(match[1] as string)
  // Bare addresses outside link targets.
  const withoutTargets = source.replace(/\]\([^)\s]+\)/g, '] ')
  for (const match of withoutTargets.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>()"«»]+/giu)) found.push((match[0] as string).replace(/[.,;:!?’']+$/u, ''))
  return found
}

/** Hosts of URL shorteners: an address that hides where it leads has no place in a scenario. */
export const SHORTENER_HOSTS = [
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc',
  'lnkd.in', 'urlz.fr', 'frama.link', 'huit.re', 's.id', 'rb.gy', 'bit.do', 't.ly', 'qrco.de', 'u.to', 'v.gd', 'shorturl.fr', 'x.co', 'db.tt',
] as const

export function isShortener(url: string): boolean {
  const host = hostOf(url)
  return host !== undefined && (SHORTENER_HOSTS as readonly string[]).includes(host.replace(/^www\./, ''))
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url.startsWith('www.') ? `https://${url}` : url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/** The form two addresses are compared in: https://x.fr and https://x.fr/ are the same page. */
export function canonicalUrl(url: string): string {
  try {
    return new URL(url).href
  } catch {
    return url
  }
}

export interface PhoneMention {
  /** Digits as dialled, a leading +33 turned into 0. */
  digits: string
  /** As written in the text. */
  written: string
  kind: 'short' | 'long'
}

/** Digits of a number as dialled in France: spaces and dots removed, +33 / 0033 written as 0. */
export function dialledDigits(written: string): string {
  const digits = written.replace(/[^\d+]/g, '')
  if (digits.startsWith('+33')) return `0${digits.slice(3)}`
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`
  return digits.replace(/\+/g, '')
}

// Separators people write inside a number: space, no-break spaces, dot, hyphen.
const SEP = '[ \\u00a0\\u202f.-]?'
const LONG_NUMBER = new RegExp(`(?<![\\d\\p{L}])(?:(?:\\+|00)33${SEP}[1-9]|0[1-9])(?:${SEP}\\d{2}){4}(?![\\d\\p{L}])`, 'gu')
// Four-digit service numbers (3018, 3646, 39 39…) and the 116 xxx European numbers.
const SERVICE_NUMBER = new RegExp(`(?<![\\d\\p{L}]|\\d[,.])(?:3\\d${SEP}\\d{2}|116${SEP}\\d{3})(?![\\d\\p{L}]|[,.]\\d)`, 'gu')
// Emergency and other two- or three-digit numbers, only when the text presents them as a number to call.
const EMERGENCY_NUMBER = /(?:\b(?:le|au|du|appelez|appeler|composez|composer|numéro|numero|number|call|dial|الرقم|رقم)\s+)(1[5789]|11[2459]|119|191|196|197)(?![\d\p{L}])/giu

/** Phone numbers written in a text (tel: link targets are not included: see linksIn). */
export function phonesIn(source: string): PhoneMention[] {
  const text = source.replace(/\]\([^)\s]+\)/g, '] ')
  const found: PhoneMention[] = []
  for (const match of text.matchAll(LONG_NUMBER)) found.push({ digits: dialledDigits(match[0]), written: match[0], kind: 'long' })
  // Short numbers are looked for outside long ones (« 09 69 39 91 11 » holds no « 39 91 »).
  const rest = text.replace(LONG_NUMBER, (number) => ' '.repeat(number.length)).replace(/\d(?:[ \u00a0\u202f.-]?\d)+/gu, (run) => (/^\d{2}(?:[ \u00a0\u202f.-]\d{2}){2,}$/u.test(run) ? ' '.repeat(run.length) : run))
  for (const match of rest.matchAll(SERVICE_NUMBER)) found.push({ digits: dialledDigits(match[0]), written: match[0], kind: 'short' })
  for (const match of rest.matchAll(EMERGENCY_NUMBER)) found.push({ digits: match[1] as string, written: match[1] as string, kind: 'short' })
  return found
}

/** Surcharged (premium-rate) numbers: 089x… written as 08 9x. */
export function isSurcharged(digits: string): boolean {
  return /^089\d{7}$/.test(digits)
}

/** Words telling what a call costs, to find whether a text states the cost beside a number. */
export const COST_WORDS = /gratuit|gratuite|€|euro|prix d.un appel|coût|cout|payant|tarif|surtax|free|cost|price|مجاني|تكلفة/iu
