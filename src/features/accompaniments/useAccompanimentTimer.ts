// The device's accompaniment timer as reactive state: running or not, minutes so far, updated
// every few seconds and when another tab starts or stops it.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue'
import { clearTimer, elapsedMinutes, readTimer, startTimer, TIMER_KEY, timerDuration } from './timer'

/** How often the shown minutes move. */
const TICK_MS = 10_000

export function useAccompanimentTimer(storage: Storage = localStorage) {
  const startedAt = ref<string | null>(readTimer(storage))
  const now = ref(Date.now())
  let tick: ReturnType<typeof setInterval> | undefined

  const onStorage = (e: StorageEvent) => {
    if (e.key === TIMER_KEY || e.key === null) startedAt.value = readTimer(storage)
  }
  onMounted(() => {
    tick = setInterval(() => (now.value = Date.now()), TICK_MS)
    window.addEventListener('storage', onStorage)
  })
  onBeforeUnmount(() => {
    clearInterval(tick)
    window.removeEventListener('storage', onStorage)
  })

  const running = computed(() => startedAt.value !== null)
  const minutes = computed(() => (startedAt.value ? elapsedMinutes(startedAt.value, new Date(now.value)) : 0))

  return {
    running,
    minutes,
    startedAt,
    start(): void {
      startedAt.value = startTimer(storage)
      now.value = Date.now()
    },
    /** The duration so far (null when unusable), read at this moment. */
    duration(): number | null {
      return startedAt.value ? timerDuration(startedAt.value) : null
    },
    clear(): void {
      clearTimer(storage)
      startedAt.value = null
    },
  }
}

export type AccompanimentTimer = ReturnType<typeof useAccompanimentTimer>
