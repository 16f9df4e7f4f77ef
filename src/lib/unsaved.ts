// A registry of places holding input not yet written to IndexedDB (a form's debounced draft).
// The update banner flushes every source before it lets the new version reload the page, so an
// app update never loses what a person typed. Framework-free on purpose: forms register here.

export interface UnsavedInputSource {
  /** True while some input exists only in memory. */
  hasUnsaved(): boolean
  /** Writes that input to durable storage; resolves once it is committed. */
  flush(): Promise<void>
}

const sources = new Set<UnsavedInputSource>()

/** Registers a source; returns the function that unregisters it (call it on unmount). */
export function registerUnsavedInput(source: UnsavedInputSource): () => void {
  sources.add(source)
  return () => sources.delete(source)
}

export function hasUnsavedInput(): boolean {
  for (const source of sources) if (source.hasUnsaved()) return true
  return false
}

/** Flushes every source; rejects if any flush fails, so the caller can refuse to reload. */
export async function flushUnsavedInput(): Promise<void> {
  await Promise.all([...sources].map((source) => source.flush()))
}
