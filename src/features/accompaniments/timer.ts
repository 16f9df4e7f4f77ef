// The accompaniment timer: the agent starts it when the person sits down, and the log's duration
// is read from it. One per device, kept in localStorage so it survives going to a scenario and
// back, a reload, or the quick log opened from another screen. Pure over an injected storage and
// clock, so it is tested without a browser.
import { MAX_DURATION_MINUTES } from '@/schemas/activity'

export const TIMER_KEY = 'tandem.accompanimentTimer'

export type TimerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** When the running timer started (an ISO moment), or null. A malformed value counts as none. */
export function readTimer(storage: TimerStorage): string | null {
  const raw = storage.getItem(TIMER_KEY)
  return raw && !Number.isNaN(Date.parse(raw)) ? raw : null
}

export function startTimer(storage: TimerStorage, now: Date = new Date()): string {
  const startedAt = now.toISOString()
  storage.setItem(TIMER_KEY, startedAt)
  return startedAt
}

export function clearTimer(storage: TimerStorage): void {
  storage.removeItem(TIMER_KEY)
}

/** Whole minutes since `startedAt`, rounded to the nearest, at least 1. */
export function elapsedMinutes(startedAt: string, now: Date = new Date()): number {
  return Math.max(1, Math.round((now.getTime() - Date.parse(startedAt)) / 60_000))
}

/**
 * The duration a timer gives, within the national report's range; null when it ran longer than
 * any accompaniment can (left running since yesterday): then the agent chooses the duration.
 */
export function timerDuration(startedAt: string, now: Date = new Date()): number | null {
  const minutes = elapsedMinutes(startedAt, now)
  return minutes <= MAX_DURATION_MINUTES ? minutes : null
}
