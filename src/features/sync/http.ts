// The one HTTP client of the app (the sync client and health probe use it; components never
// call fetch). It reports whether the server was reachable, so the connectivity indicator can
// say "offline" when the browser believes it is online but requests fail (dead mobile link,
// captive portal). Framework-free: listeners are plain functions.

type ReachabilityListener = (reachable: boolean) => void
const listeners = new Set<ReachabilityListener>()

export function onReachabilityChange(listener: ReachabilityListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function report(reachable: boolean): void {
  for (const listener of listeners) listener(reachable)
}

/** Requests longer than this are treated as a failed connection (2G can be slow, not dead). */
export const REQUEST_TIMEOUT_MS = 20_000

/**
 * fetch() with a timeout. Any HTTP answer, even an error status, proves the server is reachable;
 * a network error or a timeout proves the opposite. Rejects on network errors, like fetch.
 */
export async function apiFetch(path: string, init: RequestInit = {}, fetchImpl: typeof fetch = globalThis.fetch): Promise<Response> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
  try {
    const response = await fetchImpl(path, { ...init, signal: init.signal ?? controller.signal, credentials: 'same-origin' })
    // A service worker or proxy answering 502–504 for an unreachable origin is not the server.
    report(!(response.status >= 502 && response.status <= 504))
    return response
  } catch (error) {
    report(false)
    throw error
  } finally {
    clearTimeout(timer)
  }
}

/** Asks the server whether it is there; never throws. */
export async function probeServer(fetchImpl: typeof fetch = globalThis.fetch): Promise<boolean> {
  try {
    const response = await apiFetch('/api/health', { cache: 'no-store' }, fetchImpl)
    return response.ok
  } catch {
    return false
  }
}
