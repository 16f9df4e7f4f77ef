// The sync summary as a Vue ref, following changes made in this tab and in others.
import { onBeforeUnmount, shallowRef } from 'vue'
import { readSyncMirror, SYNC_MIRROR_EVENT, SYNC_MIRROR_KEY } from './statusMirror'

export function useSyncMirror() {
  const summary = shallowRef(readSyncMirror())
  const refresh = () => (summary.value = readSyncMirror())
  const onStorage = (event: StorageEvent) => {
    if (event.key === SYNC_MIRROR_KEY) refresh()
  }
  window.addEventListener(SYNC_MIRROR_EVENT, refresh)
  window.addEventListener('storage', onStorage)
  onBeforeUnmount(() => {
    window.removeEventListener(SYNC_MIRROR_EVENT, refresh)
    window.removeEventListener('storage', onStorage)
  })
  return summary
}
