// The sync client: enrolment, push and pull over the HTTP contract of DESIGN.md ("Sync
// protocol"), framework-free so it runs in the app and, in tests, against the real server.
//
// Guarantees (each has a test; see docs/sync.md):
// - Every answer is parsed (zod) before anything is deleted: an answer that does not parse
//   deletes nothing, and the next attempt sends the same mutations again (a replay is a no-op
//   on the server).
// - Entries leave the outbox from the front only, up to min(acknowledged, highest sent).
// - Batches hold at most 500 mutations or 1 MB of JSON; bodies are gzip-compressed where the
//   browser can (CompressionStream), answers are compressed by the server.
// - Only one tab syncs at a time (navigator.locks); the others skip their turn.
// - A pulled page is applied in one transaction that never touches the outbox (no echo).
import { CLIENT_SCHEMA_VERSION, acknowledge, applyPulledPage, nextMutationIdForEnrolment, outboxFront, readCursor, readEnrolment, saveEnrolment, updateEnrolment, writeLastSync, type TableBinding } from './repo'
import { apiFetch } from './http'
import { outboxSize } from './outbox'
import { jsonBytes, takeBatch } from './batching'
import type { SyncProblem } from './statusMirror'
import type { Enrolment } from '@/schemas/enrolment'
import type { SyncedTable } from '@/schemas/record'
import {
  appTooOldBodySchema,
  enrolResponseSchema,
  errorBodySchema,
  mutationGapBodySchema,
  PULL_DEFAULT_LIMIT,
  PUSH_MAX_MUTATIONS,
  pullResponseSchema,
  pushResponseSchema,
  syncSettingsResponseSchema,
  type Mutation,
} from '@/schemas/sync'
import type { OutboxEntry } from '@/schemas/outbox'

/** A failure the person can act on; `code` is the server's error code when it sent one. */
export class SyncError extends Error {
  constructor(
    readonly problem: SyncProblem,
    readonly code: string | null = null,
    message = code ?? problem,
  ) {
    super(message)
  }
}

export interface SyncClientOptions {
  bindings: Readonly<Record<SyncedTable, TableBinding>>
  /** Prefix of every request ('' in the app: same origin). */
  baseUrl?: string
  fetch?: typeof fetch
  /** Test seam; the app uses the browser's navigator.locks where it exists. */
  locks?: Pick<LockManager, 'request'> | null
}

export interface Progress {
  sent: number
  received: number
  /** Entries waiting when the push started (the « 120 sur 3 400 » of a long first sync). */
  toSend: number
}

export interface SyncOutcome {
  /** False when another tab held the lock: nothing was done here. */
  ran: boolean
  sent: number
  received: number
}

const LOCK_NAME = 'tandem-sync'

async function gzip(text: string): Promise<BodyInit | null> {
  if (typeof CompressionStream === 'undefined') return null
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Response(stream).arrayBuffer()
}

function mutationOf(entry: OutboxEntry): Mutation {
  return { id: entry.mutationId, table: entry.table, op: entry.op, schemaVersion: entry.schemaVersion, record: entry.payload as Mutation['record'] }
}

export function createSyncClient(options: SyncClientOptions) {
  const base = options.baseUrl ?? ''
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args))
  const locks = options.locks === undefined ? (typeof navigator !== 'undefined' ? (navigator.locks ?? null) : null) : options.locks

  async function call(path: string, init: RequestInit, enrolment: Enrolment | null): Promise<Response> {
    const headers = new Headers(init.headers)
    if (enrolment) headers.set('authorization', `Bearer ${enrolment.token}`)
    try {
      return await apiFetch(`${base}${path}`, { ...init, headers, cache: 'no-store' }, fetchImpl)
    } catch {
      throw new SyncError('unreachable')
    }
  }

  /** Turns an error answer into what the person can do about it. */
  async function failure(response: Response): Promise<SyncError> {
    const body = errorBodySchema.safeParse(await response.json().catch(() => null))
    const code = body.success ? body.data.error : null
    const message = body.success ? body.data.message : `HTTP ${response.status}`
    if (response.status === 403 && code === 'device_revoked') {
      await updateEnrolment({ revokedAt: new Date().toISOString() })
      return new SyncError('revoked', code, message)
    }
    // An unknown token: the server no longer knows this enrolment (revoked and purged).
    if (response.status === 401) return new SyncError('revoked', code ?? 'unauthorized', message)
    if (response.status === 426) return new SyncError('too-old', code, message)
    if (response.status >= 500 || response.status === 429) return new SyncError('unreachable', code, message)
    return new SyncError('other', code, message)
  }

  async function enrol(code: string, deviceName: string): Promise<Enrolment> {
    const nextMutationId = await nextMutationIdForEnrolment()
    const response = await call(
      '/api/enrol',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName, nextMutationId, schemaVersion: CLIENT_SCHEMA_VERSION }) },
      null,
    )
    if (!response.ok) throw await failure(response)
    const parsed = enrolResponseSchema.safeParse(await response.json().catch(() => null))
    if (!parsed.success) throw new SyncError('other', 'invalid_answer')
    const { token, deviceId, user, structure } = parsed.data
    const enrolment: Enrolment = {
      token,
      deviceId,
      structureId: structure.id,
      structureName: structure.name,
      retentionMonths: structure.retentionMonths,
      userId: user.id,
      role: user.role,
      displayName: user.displayName,
      enrolledAt: new Date().toISOString(),
      revokedAt: null,
    }
    await saveEnrolment(enrolment)
    return enrolment
  }

  /** Pushes the whole outbox, batch after batch. */
  async function push(enrolment: Enrolment, onProgress: (sent: number) => void): Promise<number> {
    let sent = 0
    for (;;) {
      const front = await outboxFront(PUSH_MAX_MUTATIONS)
      if (front.length === 0) return sent
      const batch = takeBatch(front, (entry) => jsonBytes(mutationOf(entry)))
      const json = JSON.stringify({ schemaVersion: CLIENT_SCHEMA_VERSION, mutations: batch.map(mutationOf) })
      const compressed = await gzip(json)
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (compressed) headers['content-encoding'] = 'gzip'
      const response = await call('/api/sync/push', { method: 'POST', headers, body: compressed ?? json }, enrolment)
      const highestSent = batch[batch.length - 1]?.mutationId ?? 0
      if (response.status === 409) {
        // The server has applied up to lastMutationId: drop those, resend the rest.
        const gap = mutationGapBodySchema.safeParse(await response.json().catch(() => null))
        if (!gap.success) throw new SyncError('other', 'invalid_answer')
        const removed = await acknowledge(gap.data.lastMutationId, highestSent, [])
        if (removed === 0) throw new SyncError('other', 'mutation_gap', gap.data.message)
        sent += removed
        onProgress(sent)
        continue
      }
      if (response.status === 426) {
        const tooOld = appTooOldBodySchema.safeParse(await response.clone().json().catch(() => null))
        throw new SyncError('too-old', 'app_too_old', tooOld.success ? tooOld.data.message : undefined)
      }
      if (!response.ok) throw await failure(response)
      const answer = pushResponseSchema.safeParse(await response.json().catch(() => null))
      if (!answer.success) throw new SyncError('other', 'invalid_answer')
      const removed = await acknowledge(answer.data.lastMutationId, highestSent, answer.data.rejected)
      if (removed === 0) throw new SyncError('other', 'not_acknowledged')
      sent += removed
      onProgress(sent)
    }
  }

  /** Pulls every page since the stored cursor, each applied in one transaction. */
  async function pull(enrolment: Enrolment, onProgress: (received: number) => void): Promise<number> {
    let received = 0
    for (;;) {
      const cursor = await readCursor()
      const query = `cursor=${cursor}&limit=${PULL_DEFAULT_LIMIT}&schemaVersion=${CLIENT_SCHEMA_VERSION}`
      const response = await call(`/api/sync/pull?${query}`, { method: 'GET' }, enrolment)
      if (!response.ok) throw await failure(response)
      const page = pullResponseSchema.safeParse(await response.json().catch(() => null))
      if (!page.success) throw new SyncError('other', 'invalid_answer')
      await applyPulledPage(page.data.changes, page.data.cursor, options.bindings)
      received += page.data.changes.length
      onProgress(received)
      if (!page.data.more || page.data.cursor <= cursor) return received
    }
  }

  /** What the structure changed since enrolment (its name, the retention period). */
  async function refreshSettings(enrolment: Enrolment): Promise<void> {
    const response = await call('/api/sync/settings', { method: 'GET' }, enrolment)
    if (!response.ok) throw await failure(response)
    const parsed = syncSettingsResponseSchema.safeParse(await response.json().catch(() => null))
    if (!parsed.success) return
    const { structure, user } = parsed.data
    await updateEnrolment({ structureName: structure.name, retentionMonths: structure.retentionMonths, displayName: user.displayName, role: user.role })
  }

  async function runOnce(onProgress: (progress: Progress) => void): Promise<SyncOutcome> {
    const enrolment = await readEnrolment()
    if (!enrolment) return { ran: true, sent: 0, received: 0 }
    if (enrolment.revokedAt) throw new SyncError('revoked', 'device_revoked')
    const toSend = await outboxSize()
    const progress: Progress = { sent: 0, received: 0, toSend }
    progress.sent = await push(enrolment, (sent) => onProgress({ ...progress, sent }))
    progress.received = await pull(enrolment, (received) => onProgress({ ...progress, received }))
    await refreshSettings(enrolment)
    await writeLastSync(new Date().toISOString())
    return { ran: true, sent: progress.sent, received: progress.received }
  }

  /** Pushes then pulls, in one tab at a time. */
  async function sync(onProgress: (progress: Progress) => void = () => undefined): Promise<SyncOutcome> {
    if (!locks) return runOnce(onProgress)
    return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (!lock) return { ran: false, sent: 0, received: 0 }
      return runOnce(onProgress)
    }) as Promise<SyncOutcome>
  }

  return { enrol, sync }
}

export type SyncClient = ReturnType<typeof createSyncClient>
