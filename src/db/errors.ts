// Recognising the storage failures a person can do something about.

/**
 * True when the browser refused a write for lack of space: IndexedDB's QuotaExceededError,
 * directly or wrapped by Dexie (an AbortError or a DexieError whose `inner` is the quota error).
 */
export function isStorageFull(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const name = (current as { name?: unknown }).name
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true
    current = (current as { inner?: unknown }).inner ?? (current as { cause?: unknown }).cause
  }
  return false
}
