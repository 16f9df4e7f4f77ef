// The sync loop of this tab and what it shows: link to a structure, send what waits, receive
// what changed, and say so in plain words (the header reads the summary this store mirrors).
//
// Triggers: start (app start, enrolment), the `online` event, a timer while online, a few
// seconds after a local write, a Background Sync message from the service worker, and the
// « Synchroniser maintenant » button. Failures retry with exponential backoff and jitter.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useLiveQuery } from '@/db/useLiveQuery'
import { readStorageStatus, requestPersistence } from '@/features/settings/storage'
import type { Enrolment, RejectedMutation } from '@/schemas/enrolment'
import { backoffDelay } from './batching'
import { createSyncClient, SyncError, type Progress, type SyncClient, type SyncClientOptions } from './client'
import { outboxSize } from './outbox'
import { clearEnrolment, countRejected, listRejected, readEnrolment, readLastSync } from './repo'
import { writeSyncMirror, type SyncPhase, type SyncProblem } from './statusMirror'

/** While online, look for changes from other devices this often. */
export const PERIODIC_SYNC_MS = 5 * 60_000
/** After a local write, wait this long (more writes often follow) before sending. */
export const AFTER_WRITE_DELAY_MS = 4_000
const BACKGROUND_SYNC_TAG = 'tandem-sync'

export const useSyncStore = defineStore('sync', () => {
  const enrolment = ref<Enrolment | null>(null)
  const loaded = ref(false)
  const phase = ref<SyncPhase>('idle')
  const problem = ref<SyncProblem | null>(null)
  const problemMessage = ref<string | null>(null)
  const lastSyncAt = ref<string | null>(null)
  const progress = ref<Progress | null>(null)
  const { data: pending } = useLiveQuery(outboxSize, 0)
  const { data: rejected } = useLiveQuery<RejectedMutation[]>(listRejected, [])
  const { data: refusedCount } = useLiveQuery(countRejected, 0)

  let client: SyncClient | null = null
  let attempts = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let writeTimer: ReturnType<typeof setTimeout> | undefined
  let periodicTimer: ReturnType<typeof setInterval> | undefined
  let running: Promise<void> | null = null

  const enrolled = computed(() => enrolment.value !== null)

  function mirror(): void {
    writeSyncMirror({
      enrolled: enrolled.value,
      pending: pending.value,
      phase: phase.value,
      problem: problem.value,
      refused: refusedCount.value,
      lastSyncAt: lastSyncAt.value,
      progress: progress.value && progress.value.toSend > 50 ? { done: progress.value.sent, total: progress.value.toSend } : null,
    })
  }
  watch([enrolment, pending, phase, problem, refusedCount, lastSyncAt, progress], mirror)

  async function load(): Promise<void> {
    enrolment.value = await readEnrolment()
    lastSyncAt.value = await readLastSync()
    loaded.value = true
    if (enrolment.value?.revokedAt) problem.value = 'revoked'
    mirror()
  }

  /** Unsent work deserves storage the browser will not evict: ask again while it waits. */
  async function protectUnsent(): Promise<void> {
    if (pending.value === 0) return
    const status = await readStorageStatus()
    if (status.persisted === false) await requestPersistence()
  }

  function scheduleRetry(): void {
    clearTimeout(retryTimer)
    attempts++
    retryTimer = setTimeout(() => void syncNow(), backoffDelay(attempts))
  }

  async function registerBackgroundSync(): Promise<void> {
    try {
      const registration = await navigator.serviceWorker?.ready
      const manager = (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })?.sync
      await manager?.register(BACKGROUND_SYNC_TAG)
    } catch {
      // Not offered by this browser, or refused: the other triggers still run.
    }
  }

  /** One push-and-pull; a second call while one runs waits for it instead of starting another. */
  function syncNow(): Promise<void> {
    if (running) return running
    running = (async () => {
      if (!client || !enrolment.value) return
      clearTimeout(retryTimer)
      phase.value = 'sending'
      try {
        const outcome = await client.sync((p) => (progress.value = p))
        if (outcome.ran) {
          attempts = 0
          problem.value = null
          problemMessage.value = null
          lastSyncAt.value = await readLastSync()
        }
        phase.value = 'idle'
      } catch (error) {
        const failure = error instanceof SyncError ? error : new SyncError('other')
        problem.value = failure.problem
        problemMessage.value = failure.message
        phase.value = 'error'
        if (failure.problem === 'revoked' || failure.problem === 'too-old') {
          enrolment.value = await readEnrolment()
        } else {
          scheduleRetry()
          if (failure.problem === 'unreachable') void registerBackgroundSync()
        }
      } finally {
        progress.value = null
        running = null
        void protectUnsent()
      }
    })()
    return running
  }

  function onOnline(): void {
    attempts = 0
    void syncNow()
  }

  function onWorkerMessage(event: MessageEvent): void {
    if ((event.data as { type?: unknown } | null)?.type === 'tandem-background-sync') void syncNow()
  }

  /** Starts the loop of this tab (once): sync now, then on every trigger. */
  async function start(options: Pick<SyncClientOptions, 'bindings'> & Partial<SyncClientOptions>): Promise<void> {
    if (client) return
    client = createSyncClient(options)
    await load()
    window.addEventListener('online', onOnline)
    navigator.serviceWorker?.addEventListener('message', onWorkerMessage)
    periodicTimer = setInterval(() => {
      if (navigator.onLine) void syncNow()
    }, PERIODIC_SYNC_MS)
    // A local write raises the pending count: send it a little later.
    watch(pending, (now, before) => {
      if (now > before && enrolled.value) {
        clearTimeout(writeTimer)
        writeTimer = setTimeout(() => void syncNow(), AFTER_WRITE_DELAY_MS)
      }
    })
    if (enrolled.value) await syncNow()
  }

  function stop(): void {
    clearTimeout(retryTimer)
    clearTimeout(writeTimer)
    clearInterval(periodicTimer)
    if (typeof window !== 'undefined') window.removeEventListener('online', onOnline)
    client = null
  }

  /** Links this device with a one-time code, then sends what waits and receives the rest. */
  async function enrol(code: string, deviceName: string): Promise<void> {
    if (!client) throw new Error('sync not started')
    enrolment.value = await client.enrol(code, deviceName)
    problem.value = null
    problemMessage.value = null
    attempts = 0
    await syncNow()
  }

  async function unlink(options: { discardUnsent: boolean }): Promise<void> {
    await clearEnrolment(options)
    enrolment.value = null
    problem.value = null
    lastSyncAt.value = null
    phase.value = 'idle'
  }

  return { enrolment, loaded, enrolled, phase, problem, problemMessage, lastSyncAt, progress, pending, rejected, refusedCount, start, stop, load, syncNow, enrol, unlink }
})
