// The sync client's storage rules: acknowledgements from the front only, and a pulled page
// applied in one transaction that skips pending and stale records and never echoes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, useDatabase } from '@/db/database'
import { outboxSize, readOutbox } from '@/features/sync/outbox'
import { acknowledge, applyPulledPage, listRejected, readCursor } from '@/features/sync/repo'
import { readActivityDays } from '@/features/journal/days'
import { SYNC_BINDINGS } from '@/app/sync'
import { anAccompaniment, saveAccompaniment } from '../accompaniments/builders'
import type { Accompaniment } from '@/schemas/accompaniment'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-sync-repo-${Math.random()}`)
  useDatabase(database)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

function remote(record: Accompaniment, notes: string, rev: number) {
  return { rev, table: 'accompaniments', op: 'put' as const, record: { ...record, notes, authorId: 'U1', structureId: 'S1', updatedAt: new Date().toISOString() } }
}

describe('acknowledging a push', () => {
  it('removes entries from the front only, never past the highest id sent', async () => {
    for (let i = 0; i < 5; i++) await saveAccompaniment(anAccompaniment())
    // The server says 5, but only 1–3 were sent in this batch: 4 and 5 stay.
    expect(await acknowledge(5, 3, [])).toBe(3)
    expect((await readOutbox()).map((e) => e.mutationId)).toEqual([4, 5])
  })

  it('keeps rejected mutations with their reason in the same step', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await acknowledge(1, 1, [{ id: 1, reason: 'invalid_record' }])
    expect(await outboxSize()).toBe(0)
    expect(await listRejected()).toEqual([expect.objectContaining({ mutationId: 1, recordId: a.id, reason: 'invalid_record' })])
  })
})

describe('applying a pulled page', () => {
  it('writes the records and their per-day counters, stores the cursor, and queues nothing', async () => {
    const a = await saveAccompaniment(anAccompaniment({ date: '2026-03-12' }))
    await database.outbox.clear()
    await database.table('sessionLogs').clear()
    await database.table('activityDays').clear()
    const report = await applyPulledPage([remote(a, 'from the server', 7)], 7, SYNC_BINDINGS)
    expect(report).toMatchObject({ applied: 1 })
    expect((await database.table('sessionLogs').get(a.id)).notes).toBe('from the server')
    expect((await database.table('sessionLogs').get(a.id)).rev).toBe(7)
    expect(await readActivityDays('2026-03-12', '2026-03-12')).toEqual([expect.objectContaining({ counts: expect.objectContaining({ 'act:individuel': 1 }) })])
    expect(await outboxSize()).toBe(0)
    expect(await readCursor()).toBe(7)
  })

  it('skips a record that still has an entry waiting, and a change not newer than the stored one', async () => {
    const pending = await saveAccompaniment(anAccompaniment({ notes: 'local, unsent' }))
    const synced = await saveAccompaniment(anAccompaniment({ notes: 'v9' }))
    // `synced` was pushed and acknowledged; `pending` was not.
    for (const e of await readOutbox()) if (e.recordId === synced.id) await database.outbox.delete(e.seq as number)
    await database.table('sessionLogs').update(synced.id, { rev: 9 })
    const report = await applyPulledPage([remote(pending, 'remote', 10), remote(synced, 'older', 8)], 10, SYNC_BINDINGS)
    expect(report).toMatchObject({ applied: 0, skippedPending: 1, skippedStale: 1 })
    expect((await database.table('sessionLogs').get(pending.id)).notes).toBe('local, unsent')
    expect((await database.table('sessionLogs').get(synced.id)).notes).toBe('v9')
  })

  it('keeps out a record that does not parse, and applies the rest of the page', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await database.outbox.clear()
    const bad = { rev: 3, table: 'accompaniments', op: 'put' as const, record: { id: '01JBADBADBADBADBADBADBADBA', notes: 'x' } }
    const unknown = { rev: 4, table: 'rooms', op: 'put' as const, record: { id: 'R1' } }
    const report = await applyPulledPage([bad, unknown, remote(a, 'ok', 5)], 5, SYNC_BINDINGS)
    expect(report).toMatchObject({ applied: 1, invalid: 2 })
    expect(await database.table('sessionLogs').get('01JBADBADBADBADBADBADBADBA')).toBeUndefined()
  })

  it('writes nothing of a page when one step fails, not even the cursor', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await database.outbox.clear()
    database.table('activityDays').hook('updating', () => {
      throw new Error('injected')
    })
    await expect(applyPulledPage([remote(a, 'remote', 5)], 5, SYNC_BINDINGS)).rejects.toThrow('injected')
    expect((await database.table('sessionLogs').get(a.id)).notes).toBe('')
    expect(await readCursor()).toBe(0)
  })
})
