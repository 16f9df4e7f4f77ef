// Pure pieces of the sync loop: how many outbox entries go in one push, and how long to wait
// before retrying. Unit-tested without a network or a database.
import { PUSH_MAX_JSON_BYTES, PUSH_MAX_MUTATIONS } from '@/schemas/sync'

/**
 * The longest prefix of `items` that fits one push: at most `maxCount` items and `maxBytes` of
 * JSON (measured as UTF-8). One item is always taken, so an oversized record still travels
 * alone and the server answers for it (it rejects it, and the outbox moves on).
 */
export function takeBatch<T>(items: readonly T[], size: (item: T) => number, maxCount = PUSH_MAX_MUTATIONS, maxBytes = PUSH_MAX_JSON_BYTES): T[] {
  const out: T[] = []
  let bytes = 0
  for (const item of items) {
    if (out.length >= maxCount) break
    const next = size(item) + 1
    if (out.length > 0 && bytes + next > maxBytes) break
    out.push(item)
    bytes += next
  }
  return out
}

/** Bytes of a value's JSON in UTF-8. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}

/**
 * Exponential backoff with full jitter: a failed attempt n (1, 2, …) waits a random time in
 * [base·2ⁿ⁻¹ / 2, base·2ⁿ⁻¹], capped. Many tablets coming back online at once (the end of a
 * power cut in a village) then spread their retries instead of hitting the server together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 2_000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
