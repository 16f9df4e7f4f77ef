// Connectivity as the person experiences it: the browser's online flag, corrected by the
// outcome of real requests (a captive portal or a dead mobile link reports "online").
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { onReachabilityChange, probeServer } from '@/features/sync/http'

export const useConnectivityStore = defineStore('connectivity', () => {
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const lastRequestFailed = ref(false)

  function reportRequestFailure(): void {
    lastRequestFailed.value = true
  }

  function reportRequestSuccess(): void {
    lastRequestFailed.value = false
  }

  onReachabilityChange((reachable) => (reachable ? reportRequestSuccess() : reportRequestFailure()))

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      browserOnline.value = true
      lastRequestFailed.value = false
    })
    window.addEventListener('offline', () => {
      browserOnline.value = false
    })
  }

  const online = computed(() => browserOnline.value && !lastRequestFailed.value)

  /** Checks that the server answers; the outcome updates `online` through the HTTP client. */
  async function probe(): Promise<void> {
    // Read the flag now, not the cached ref: it can change between scheduling and running.
    browserOnline.value = navigator.onLine
    if (browserOnline.value) await probeServer()
  }

  return { online, browserOnline, reportRequestFailure, reportRequestSuccess, probe }
})
