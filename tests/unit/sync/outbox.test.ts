import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase, db, useDatabase } from '@/db/database'
import { deleteWithOutbox, outboxSize, readOutbox } from '@/features/sync/outbox'
import { getDeviceId } from '@/features/sync/meta'
import { getSessionLog, saveSessionLog } from '@/features/sessions/repo'
import { writeDraft, readDraft } from '@/features/drafts/repo'
import { isUlid } from '@/lib/ids'
import { aSession } from '../sessions/builders'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-outbox-${Math.random()}`)
  useDatabase(database)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

describe('outbox', () => {
  it('writes a new log and one put entry carrying the record', async () => {
    const log = await saveSessionLog(aSession())
    const entries = await readOutbox()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ table: 'sessionLogs', recordId: log.id, op: 'put', attempts: 0, lastError: null })
    expect(entries[0]?.payload).toEqual(log)
    expect(typeof entries[0]?.seq).toBe('number')
    expect(isUlid(log.id)).toBe(true)
    expect(log).toMatchObject({ structureId: null, authorId: await getDeviceId(), deletedAt: null, rev: null, kind: 'individuel' })
  })

  it('gives increasing sequence numbers, one per mutation', async () => {
    const a = await saveSessionLog(aSession())
    await saveSessionLog(aSession({ notes: 'second version' }), { id: a.id })
    await deleteWithOutbox('sessionLogs', a.id)
    const seqs = (await readOutbox()).map((e) => e.seq ?? 0)
    expect(seqs).toHaveLength(3)
    expect(seqs[1]).toBe((seqs[0] ?? 0) + 1)
    expect(seqs[2]).toBe((seqs[1] ?? 0) + 1)
    expect((await readOutbox()).map((e) => e.op)).toEqual(['put', 'put', 'delete'])
  })

  it('keeps createdAt and the author on update', async () => {
    const a = await saveSessionLog(aSession())
    const b = await saveSessionLog(aSession({ durationMinutes: 45 }), { id: a.id })
    expect(b.createdAt).toBe(a.createdAt)
    expect(b.authorId).toBe(a.authorId)
    expect(b.durationMinutes).toBe(45)
  })

  it('leaves neither the record nor the entry when the outbox write fails', async () => {
    database.outbox.hook('creating', () => {
      throw new Error('injected outbox failure')
    })
    await expect(saveSessionLog(aSession())).rejects.toThrow('injected outbox failure')
    expect(await database.table('sessionLogs').count()).toBe(0)
    expect(await outboxSize()).toBe(0)
  })

  it('leaves neither the record nor the entry when the record write fails', async () => {
    database.table('sessionLogs').hook('creating', () => {
      throw new Error('injected record failure')
    })
    await expect(saveSessionLog(aSession())).rejects.toThrow('injected record failure')
    expect(await database.table('sessionLogs').count()).toBe(0)
    expect(await outboxSize()).toBe(0)
  })

  it('keeps the previous version and no new entry when an update fails', async () => {
    const a = await saveSessionLog(aSession({ notes: 'first' }))
    database.outbox.hook('creating', () => {
      throw new Error('injected')
    })
    await expect(saveSessionLog(aSession({ notes: 'second' }), { id: a.id })).rejects.toThrow('injected')
    expect((await getSessionLog(a.id))?.notes).toBe('first')
    expect(await outboxSize()).toBe(1)
  })

  it('deletes the draft in the same transaction as the save, and keeps it when the save fails', async () => {
    const draft = await writeDraft({ id: 'draft-1', kind: 'session', recordId: null, values: { notes: 'x' } })
    const failing = () => {
      throw new Error('injected')
    }
    database.outbox.hook('creating', failing)
    await expect(saveSessionLog(aSession(), { draftId: draft.id })).rejects.toThrow()
    expect(await readDraft(draft.id)).toBeDefined()
    database.outbox.hook('creating').unsubscribe(failing)
    await saveSessionLog(aSession(), { draftId: draft.id })
    expect(await readDraft(draft.id)).toBeUndefined()
  })

  it('refuses invalid content without writing anything', async () => {
    await expect(saveSessionLog(aSession({ themes: [] }))).rejects.toThrow()
    expect(await database.table('sessionLogs').count()).toBe(0)
    expect(await outboxSize()).toBe(0)
  })

  it('turns a delete into a tombstone plus a delete entry', async () => {
    const a = await saveSessionLog(aSession())
    await deleteWithOutbox('sessionLogs', a.id)
    const stored = await db().table('sessionLogs').get(a.id)
    expect(stored.deletedAt).toEqual(expect.any(String))
    expect(stored.updatedAt).toBe(stored.deletedAt)
    expect(await getSessionLog(a.id)).toBeUndefined()
    const last = (await readOutbox()).at(-1)
    expect(last).toMatchObject({ op: 'delete', recordId: a.id })
    expect((last?.payload as { deletedAt: string }).deletedAt).toBe(stored.deletedAt)
    // Deleting again queues nothing more.
    await deleteWithOutbox('sessionLogs', a.id)
    expect(await outboxSize()).toBe(2)
  })

  it('creates the device id once and keeps it', async () => {
    const first = await getDeviceId()
    expect(isUlid(first)).toBe(true)
    expect(await getDeviceId()).toBe(first)
    expect((await database.meta.get('deviceId'))?.value).toBe(first)
  })
})
