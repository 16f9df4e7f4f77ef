import { describe, expect, it } from 'vitest'
import { backoffDelay, jsonBytes, takeBatch } from '@/features/sync/batching'

describe('push batches', () => {
  it('take at most 500 entries', () => {
    const items = Array.from({ length: 1200 }, (_, i) => i)
    expect(takeBatch(items, () => 10)).toHaveLength(500)
  })

  it('stop before 1 MB of JSON, and always take one entry so an oversized record travels alone', () => {
    const items = Array.from({ length: 10 }, (_, i) => i)
    expect(takeBatch(items, () => 300_000)).toHaveLength(3)
    expect(takeBatch(items, () => 5_000_000)).toEqual([0])
    expect(takeBatch([], () => 1)).toEqual([])
  })

  it('measure JSON in UTF-8 bytes (accents count twice)', () => {
    expect(jsonBytes('é')).toBe(4)
  })
})

describe('retry backoff', () => {
  it('doubles with each attempt, with jitter between half and all of the ceiling, capped', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000)
    expect(backoffDelay(1, () => 1)).toBe(2_000)
    expect(backoffDelay(3, () => 1)).toBe(8_000)
    expect(backoffDelay(30, () => 1)).toBe(300_000)
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(4)))
    expect(spread.size).toBeGreaterThan(1)
  })
})
