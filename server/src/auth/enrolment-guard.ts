// Locks enrolment from one address after too many wrong codes (DESIGN.md: a code tried too
// often is locked for a while, with a message that says so). Kept in memory, per server
// instance, like the rate limits: behind several instances an address gets that many tries
// per instance, still far too few to guess a 60-bit code.
import { ApiError, MESSAGES } from '../services/errors.ts'

export interface EnrolmentGuardOptions {
  /** Wrong codes allowed from one address within the window before it is locked. */
  maxFailures?: number
  windowMs?: number
  lockMs?: number
  now?: () => number
}

interface Entry {
  failures: number
  windowStart: number
  lockedUntil: number
}

export class EnrolmentGuard {
  private readonly entries = new Map<string, Entry>()
  private readonly maxFailures: number
  private readonly windowMs: number
  private readonly lockMs: number
  private readonly now: () => number

  constructor(options: EnrolmentGuardOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10
    this.windowMs = options.windowMs ?? 15 * 60 * 1000
    this.lockMs = options.lockMs ?? 15 * 60 * 1000
    this.now = options.now ?? Date.now
  }

  /** Throws 429 enrolment_locked while the address is locked. */
  check(address: string): void {
    const entry = this.entries.get(address)
    const now = this.now()
    if (entry && entry.lockedUntil > now) {
      throw new ApiError(429, 'enrolment_locked', MESSAGES.enrolmentLocked, {
        retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000),
      })
    }
  }

  failed(address: string): void {
    const now = this.now()
    this.prune(now)
    let entry = this.entries.get(address)
    if (!entry || now - entry.windowStart > this.windowMs) {
      entry = { failures: 0, windowStart: now, lockedUntil: 0 }
      this.entries.set(address, entry)
    }
    entry.failures++
    if (entry.failures >= this.maxFailures) entry.lockedUntil = now + this.lockMs
  }

  succeeded(address: string): void {
    this.entries.delete(address)
  }

  /** Forgets addresses whose window and lock are over, so the map stays small. */
  private prune(now: number): void {
    if (this.entries.size < 10_000) return
    for (const [address, entry] of this.entries) {
      if (entry.lockedUntil <= now && now - entry.windowStart > this.windowMs) this.entries.delete(address)
    }
  }
}
