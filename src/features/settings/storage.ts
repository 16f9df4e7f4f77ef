// The browser's storage: whether it is persistent (not evicted under pressure) and how much is used.
// No Vue and no Dexie here: the home screen calls requestPersistenceOnce() on first use.

export interface StorageStatus {
  /** null when the browser does not tell. */
  persisted: boolean | null
  usage: number | null
  quota: number | null
}

const ASKED_KEY = 'tandem.persistAsked'

export async function readStorageStatus(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageStatus> {
  if (!storage) return { persisted: null, usage: null, quota: null }
  const [persisted, estimate] = await Promise.all([
    storage.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
    storage.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
  ])
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null }
}

/** Asks for persistent storage. Browsers grant it silently or not at all (no dialog in Chromium). */
export async function requestPersistence(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean | null> {
  if (!storage?.persist) return null
  return storage.persist().catch(() => null)
}

/** Asks once per device, the first time the person actually uses the app. */
export async function requestPersistenceOnce(): Promise<void> {
  try {
    if (localStorage.getItem(ASKED_KEY)) return
    localStorage.setItem(ASKED_KEY, new Date().toISOString())
  } catch {
    return
  }
  await requestPersistence()
}
