// Coordinators' console sign-in (DESIGN.md, "Security and privacy"; docs/console.md):
//
// - passwords are hashed with Argon2id (@node-rs/argon2, its defaults: 19 MiB, 2 passes) and
//   only the PHC string is stored; a password is never logged, echoed or kept elsewhere;
// - a session cookie holds `<structureId>.<sessionId>.<secret>`, the secret 32 random bytes;
//   the server stores the SHA-256 of the secret (like device tokens) and finds the session by
//   its primary key, so no lookup crosses structures;
// - the cookie is HttpOnly, SameSite=Strict, Secure behind HTTPS, limited to /api/console and
//   expires with the session; console routes also require CONSOLE_HEADER, which a cross-site
//   form cannot send;
// - wrong passwords lock the account and the address for a while (SignInGuard), with a message
//   that says for how long.
import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { sha256 } from './tokens.ts'

export const SESSION_COOKIE = 'tandem_console'
export const SESSION_COOKIE_PATH = '/api/console'
/** Required on every console request; its value does not matter, only that a page set it. */
export const CONSOLE_HEADER = 'x-tandem-console'
/** A session ends this long after sign-in, whatever happens. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 200

export async function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2's default algorithm is Argon2id (the test checks the stored PHC prefix).
  return hash(password)
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so timing does not tell an unknown account from a wrong password.
    await hash(password)
    return false
  }
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

export interface IssuedSession {
  cookie: string
  sessionId: string
  secretHash: string
}

export function issueSessionSecret(structureId: string, sessionId: string): IssuedSession {
  const secret = randomBytes(32).toString('base64url')
  return { cookie: `${structureId}.${sessionId}.${secret}`, sessionId, secretHash: sha256(secret) }
}

const COOKIE_PATTERN = /^([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{43})$/

export interface ParsedSessionCookie {
  structureId: string
  sessionId: string
  secretHash: string
}

export function parseSessionCookie(value: string | undefined): ParsedSessionCookie | undefined {
  if (!value) return undefined
  const match = COOKIE_PATTERN.exec(value)
  if (!match) return undefined
  return { structureId: match[1]!, sessionId: match[2]!, secretHash: sha256(match[3]!) }
}

export interface SignInGuardOptions {
  /** Wrong passwords (or codes) allowed per account and per address before a lock. */
  maxFailures?: number
  /** Failures older than this are forgotten. */
  windowMs?: number
  lockMs?: number
  now?: () => number
}

interface GuardEntry {
  failures: number
  windowStart: number
  lockedUntil: number
}

/**
 * Counts wrong sign-ins by key (`account:<email>`, `address:<ip>`) and locks a key after
 * `maxFailures` within the window. In memory, per instance (like the enrolment guard): behind
 * several instances an attacker gets that many tries per instance, still very few.
 */
export class SignInGuard {
  private readonly entries = new Map<string, GuardEntry>()
  readonly maxFailures: number
  private readonly windowMs: number
  private readonly lockMs: number
  private readonly now: () => number

  constructor(options: SignInGuardOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5
    this.windowMs = options.windowMs ?? 15 * 60 * 1000
    this.lockMs = options.lockMs ?? 15 * 60 * 1000
    this.now = options.now ?? Date.now
  }

  /** Milliseconds left on the longest lock among these keys, 0 when none is locked. */
  lockedFor(keys: readonly string[]): number {
    const now = this.now()
    let left = 0
    for (const key of keys) {
      const entry = this.entries.get(key)
      if (entry && entry.lockedUntil > now) left = Math.max(left, entry.lockedUntil - now)
    }
    return left
  }

  failed(keys: readonly string[]): void {
    const now = this.now()
    this.prune(now)
    for (const key of keys) {
      let entry = this.entries.get(key)
      if (!entry || now - entry.windowStart > this.windowMs || (entry.lockedUntil > 0 && entry.lockedUntil <= now)) {
        entry = { failures: 0, windowStart: now, lockedUntil: 0 }
        this.entries.set(key, entry)
      }
      entry.failures++
      if (entry.failures >= this.maxFailures) entry.lockedUntil = now + this.lockMs
    }
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key)
  }

  private prune(now: number): void {
    if (this.entries.size < 10_000) return
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil <= now && now - entry.windowStart > this.windowMs) this.entries.delete(key)
    }
  }
}
