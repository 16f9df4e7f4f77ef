// Reactive reads from IndexedDB: a Dexie liveQuery as Vue refs, so lists and statistics follow
// every write, including those the sync client makes underneath. Re-queries when a dependency
// changes; unsubscribes with the scope (component or store) that created it.
import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, ref, shallowRef, watch, type WatchSource } from 'vue'

export function useLiveQuery<T>(query: () => Promise<T>, initial: T, deps: WatchSource[] = []) {
  const data = shallowRef<T>(initial)
  const error = shallowRef<unknown>(null)
  const ready = ref(false)
  let subscription: Subscription | undefined

  function start(): void {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (value) => {
        data.value = value
        error.value = null
        ready.value = true
      },
      error: (e: unknown) => {
        error.value = e
        ready.value = true
      },
    })
  }

  if (deps.length > 0) watch(deps, start, { immediate: true, deep: true })
  else start()
  onScopeDispose(() => subscription?.unsubscribe())
  return { data, error, ready }
}
