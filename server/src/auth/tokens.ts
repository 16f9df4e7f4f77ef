// Device tokens and enrolment codes: how they are made, read back and hashed.
//
// - A device token is `<structureId>.<deviceId>.<secret>`, the secret 32 random bytes
//   (base64url). It names its structure and device, so a request finds its device row by
//   primary key without looking across structures; the server stores only the SHA-256 of the
//   secret (a long random secret needs no slow hash) and compares hashes in constant time.
// - An enrolment code is 12 Crockford base-32 characters (60 random bits) shown as
//   XXXX-XXXX-XXXX, typed by hand or scanned; reading it ignores case, spaces and dashes and
//   takes O for 0 and I or L for 1. Only its SHA-256 is stored.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 12
/** A code is single use and expires after this long (DESIGN.md: 48 h). */
export const CODE_LIFETIME_MS = 48 * 60 * 60 * 1000

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export interface IssuedToken {
  token: string
  tokenHash: string
}

export function issueToken(structureId: string, deviceId: string): IssuedToken {
  const secret = randomBytes(32).toString('base64url')
  return { token: `${structureId}.${deviceId}.${secret}`, tokenHash: sha256(secret) }
}

export interface ParsedToken {
  structureId: string
  deviceId: string
  secretHash: string
}

const TOKEN_PATTERN = /^([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{43})$/

/** The parts of a token, or undefined when it is not one of ours. */
export function parseToken(token: string): ParsedToken | undefined {
  const match = TOKEN_PATTERN.exec(token)
  if (!match) return undefined
  return { structureId: match[1]!, deviceId: match[2]!, secretHash: sha256(match[3]!) }
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right)
}

/** The bearer token of an Authorization header (the only place a token is read from). */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined
  const match = /^Bearer +(\S+)\s*$/i.exec(header)
  return match?.[1]
}

export function newCode(): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD[randomInt(32)]
  return code
}

/** XXXX-XXXX-XXXX, as printed and shown. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code
}

/** The canonical form of a typed code, or undefined when it cannot be a code. */
export function normaliseCode(typed: string): string | undefined {
  const compact = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (compact.length !== CODE_LENGTH) return undefined
  for (const char of compact) if (!CROCKFORD.includes(char)) return undefined
  return compact
}

export function codeHash(code: string): string {
  return sha256(`tandem-code:${code}`)
}
