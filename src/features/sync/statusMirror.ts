// A small summary of the sync state kept in localStorage, so the header can say « Tout est
// envoyé » or « 12 en attente » on every screen, the home screen included, without loading
// the database or the sync client (they stay off the home route). The sync store writes it;
// other tabs hear of changes through the `storage` event, this tab through a DOM event.

export const SYNC_MIRROR_KEY = 'tandem.sync'
export const SYNC_MIRROR_EVENT = 'tandem-sync-mirror'

export type SyncPhase = 'idle' | 'sending' | 'error'
/** What went wrong, in terms the person can act on. */
export type SyncProblem = 'unreachable' | 'revoked' | 'too-old' | 'refused' | 'storage' | 'other'

export interface SyncMirror {
  /** This device is linked to a structure. */
  enrolled: boolean
  /** Changes waiting to be sent. */
  pending: number
  phase: SyncPhase
  problem: SyncProblem | null
  /** Records the server refused (kept on the device, shown in the journal). */
  refused: number
  /** ISO time of the last successful exchange with the server. */
  lastSyncAt: string | null
  /** During a long first sync: how many sent or received so far, and of how many. */
  progress: { done: number; total: number } | null
}

export const EMPTY_MIRROR: SyncMirror = { enrolled: false, pending: 0, phase: 'idle', problem: null, refused: 0, lastSyncAt: null, progress: null }

export function readSyncMirror(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): SyncMirror {
  try {
    const raw = JSON.parse(storage?.getItem(SYNC_MIRROR_KEY) ?? 'null') as Partial<SyncMirror> | null
    if (!raw || typeof raw !== 'object') return { ...EMPTY_MIRROR }
    return {
      enrolled: raw.enrolled === true,
      pending: typeof raw.pending === 'number' && raw.pending >= 0 ? raw.pending : 0,
      phase: raw.phase === 'sending' || raw.phase === 'error' ? raw.phase : 'idle',
      problem: typeof raw.problem === 'string' ? (raw.problem as SyncProblem) : null,
      refused: typeof raw.refused === 'number' && raw.refused >= 0 ? raw.refused : 0,
      lastSyncAt: typeof raw.lastSyncAt === 'string' ? raw.lastSyncAt : null,
      progress: raw.progress && typeof raw.progress.done === 'number' && typeof raw.progress.total === 'number' ? raw.progress : null,
    }
  } catch {
    return { ...EMPTY_MIRROR }
  }
}

export function writeSyncMirror(next: SyncMirror, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(SYNC_MIRROR_KEY, JSON.stringify(next))
  } catch {
    // A full localStorage only costs the header its summary; the data is in IndexedDB.
  }
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(SYNC_MIRROR_EVENT))
}
