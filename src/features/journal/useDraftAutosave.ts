// Keeps a form's draft on disk: written shortly after each change, and at once when the page is
// hidden or closed (pagehide, visibilitychange) or before an app update (the lead's unsaved-input
// registry in src/lib/unsaved.ts). A crash loses at most the last DEBOUNCE_MS of typing.
import { getCurrentInstance, onBeforeUnmount, ref, toRaw, watch, type Ref } from 'vue'
import { registerUnsavedInput } from '@/lib/unsaved'
import { useDraftsStore } from './draftsStore'
import type { DraftKind } from '@/schemas/draft'
import { isStorageFull } from '@/db/errors'

/** Short enough that little typing is at risk, long enough not to write on every key press. */
export const DEBOUNCE_MS = 400

import type { DraftStatus } from '@/ui/formStatus'

export interface DraftAutosaveOptions {
  kind: DraftKind
  draftId: Ref<string>
  recordId: Ref<string | null>
  values: Ref<object | null>
  /** Called after the draft is first written (the view puts its id in the address). */
  onFirstWrite?: (id: string) => void
}

export function useDraftAutosave(options: DraftAutosaveOptions) {
  const store = useDraftsStore()
  const status = ref<DraftStatus>('idle')
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirty = false
  let active = false
  let inFlight: Promise<void> = Promise.resolve()
  let written = false

  async function write(): Promise<void> {
    const current = options.values.value
    if (!dirty || !active || current === null) return
    dirty = false
    status.value = 'saving'
    try {
      await store.write({ id: options.draftId.value, kind: options.kind, recordId: options.recordId.value, values: toRaw(current) as Record<string, unknown> })
      if (!dirty) status.value = 'saved'
      if (!written) {
        written = true
        options.onFirstWrite?.(options.draftId.value)
      }
    } catch (error) {
      dirty = true
      status.value = isStorageFull(error) ? 'storage-full' : 'error'
      throw error
    }
  }

  /** Writes any pending change now; resolves once it is on disk. */
  async function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    await inFlight.catch(() => undefined)
    inFlight = write()
    await inFlight
  }

  /** Marks the form changed and writes it now (after a save that wrote nothing). */
  async function saveNow(): Promise<void> {
    dirty = true
    await flush()
  }

  function schedule(): void {
    if (!active) return
    dirty = true
    status.value = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => {
      inFlight = inFlight.catch(() => undefined).then(write)
      inFlight.catch(() => undefined)
    }, DEBOUNCE_MS)
  }

  const stopWatching = watch(options.values, schedule, { deep: true })

  /** Starts saving changes (call once the form holds its initial values). */
  function start(options: { alreadyWritten?: boolean } = {}): void {
    written = options.alreadyWritten ?? written
    active = true
  }

  /** Stops saving (before the form is saved for real, which deletes the draft). */
  async function stop(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    active = false
    dirty = false
    await inFlight.catch(() => undefined)
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') void flush().catch(() => undefined)
  }
  const onPageHide = () => void flush().catch(() => undefined)
  const unregister = registerUnsavedInput({ hasUnsaved: () => active && dirty, flush })
  document.addEventListener('visibilitychange', onHidden)
  window.addEventListener('pagehide', onPageHide)

  function dispose(): void {
    stopWatching()
    unregister()
    document.removeEventListener('visibilitychange', onHidden)
    window.removeEventListener('pagehide', onPageHide)
  }

  if (getCurrentInstance()) {
    // Leaving the form inside the app keeps the draft: write what is pending, then let go.
    onBeforeUnmount(() => {
      void flush().catch(() => undefined).finally(dispose)
    })
  }

  return { status, start, stop, flush, saveNow, dispose, hasUnsaved: () => active && dirty }
}
