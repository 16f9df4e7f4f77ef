// Connectivity as the person experiences it: the browser's online flag, corrected by the
// outcome of real requests (a captive portal or a dead mobile link reports "online").
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

export const useConnectivityStore = defineStore('connectivity', () => {
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const lastRequestFailed = ref(false)

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

  /** Called by the HTTP client when a request could not reach the server. */
  function reportRequestFailure(): void {
    lastRequestFailed.value = true
  }

  /** Called by the HTTP client when the server answered (whatever the status). */
  function reportRequestSuccess(): void {
    lastRequestFailed.value = false
  }

  return { online, browserOnline, reportRequestFailure, reportRequestSuccess }
})
