// Record ids: ULIDs made on the device, monotonic within one page so ids sort by creation.
import { monotonicFactory } from 'ulid'

const next = monotonicFactory()

/** A new ULID (26 characters, Crockford base 32, time-ordered). */
export function newId(now: number = Date.now()): string {
  return next(now)
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/

export function isUlid(value: string): boolean {
  return ULID.test(value)
}
