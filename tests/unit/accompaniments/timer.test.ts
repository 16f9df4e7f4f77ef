import { describe, expect, it } from 'vitest'
import { clearTimer, elapsedMinutes, readTimer, startTimer, TIMER_KEY, timerDuration } from '@/features/accompaniments/timer'

function memoryStorage() {
  const map = new Map<string, string>()
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) }
}

describe('accompaniment timer', () => {
  it('keeps its start in storage, so a reload or another screen finds it running', () => {
    const storage = memoryStorage()
    expect(readTimer(storage)).toBeNull()
    const started = startTimer(storage, new Date('2026-12-01T09:00:00Z'))
    expect(readTimer(storage)).toBe(started)
    clearTimer(storage)
    expect(readTimer(storage)).toBeNull()
    storage.setItem(TIMER_KEY, 'not a date')
    expect(readTimer(storage)).toBeNull()
  })

  it('gives whole minutes, at least one, and nothing past the national range', () => {
    const start = '2026-12-01T09:00:00.000Z'
    expect(elapsedMinutes(start, new Date('2026-12-01T09:00:10Z'))).toBe(1)
    expect(elapsedMinutes(start, new Date('2026-12-01T09:24:40Z'))).toBe(25)
    expect(timerDuration(start, new Date('2026-12-02T08:59:00Z'))).toBe(23 * 60 + 59)
    // Left running since yesterday: the agent chooses the duration.
    expect(timerDuration(start, new Date('2026-12-02T09:30:00Z'))).toBeNull()
  })
})
