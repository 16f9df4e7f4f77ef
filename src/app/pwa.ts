// Service worker registration. Updating is the person's choice: a waiting version is announced
// (needRefresh) and only activated when they accept, after unsaved input has been flushed.
import { ref } from 'vue'
import { flushUnsavedInput } from '@/lib/unsaved'

export const needRefresh = ref(false)
export const offlineReady = ref(false)
export const updating = ref(false)

type Activate = (reloadPage?: boolean) => Promise<void>
let activateWaiting: Activate | undefined
let checkForUpdate: (() => Promise<void>) | undefined

/** How often an open tab asks the server for a new version while online. */
const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000

type RegisterSW = (typeof import('virtual:pwa-register'))['registerSW']

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return
  const { registerSW } = await import('virtual:pwa-register')
  connectServiceWorker(registerSW)
}

/** Wires workbox-window's callbacks to the refs above (separate so tests can pass a fake). */
export function connectServiceWorker(registerSW: RegisterSW): void {
  activateWaiting = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      needRefresh.value = true
    },
    onOfflineReady: () => {
      offlineReady.value = true
    },
    onRegisteredSW: (_url, registration) => {
      if (!registration) return
      checkForUpdate = async () => {
        await registration.update()
      }
      setInterval(() => {
        if (navigator.onLine) void registration.update()
      }, UPDATE_CHECK_INTERVAL_MS)
    },
  })
  // Coming back to the tab is a good moment to look for a new version.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void checkForUpdate?.()
  })
}

/** Asks the server now whether a new version exists (also used by the end-to-end tests). */
export async function checkForUpdateNow(): Promise<void> {
  await checkForUpdate?.()
}

/** Saves what is typed, then activates the waiting worker, which reloads the page. */
export async function acceptUpdate(): Promise<void> {
  if (!activateWaiting) return
  updating.value = true
  try {
    await flushUnsavedInput()
  } catch (error) {
    // Reloading now would lose input: stay on this version and let the person retry.
    updating.value = false
    throw error
  }
  // vite-plugin-pwa reloads only pages that were controlled when they loaded; a tab opened on
  // the very first visit would keep the old version with the banner stuck. The new worker
  // claims this page (clientsClaim), so reload when it takes control.
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true })
  await activateWaiting(true)
}

export function dismissUpdate(): void {
  needRefresh.value = false
}
