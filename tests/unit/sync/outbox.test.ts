// The outbox's guarantees (src/features/sync/outbox.ts): one transaction per write with strict
// durability, mutation ids from the meta counter, nothing left behind by a failure at any step,
// tombstones without notes, drafts removed with their record, unknown fields kept.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { TandemDatabase, db, useDatabase } from '@/db/database'
import { MUTATION_COUNTER_KEY } from '@/db/tables'
import { SCHEMA_VERSION } from '@/schemas/version'
import { outboxSize, readOutbox } from '@/features/sync/outbox'
import { getDeviceId, writeMeta, ENROLMENT_KEY } from '@/features/sync/meta'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { readActivityDays } from '@/features/journal/days'
import { writeDraft, readDraft } from '@/features/journal/drafts'
import { isUlid } from '@/lib/ids'
import { anAccompaniment, saveAccompaniment } from '../accompaniments/builders'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-outbox-${Math.random()}`)
  useDatabase(database)
  await database.open()
  await getDeviceId()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

const counter = async () => (await database.meta.get(MUTATION_COUNTER_KEY))?.value
const everything = async () => ({
  records: await database.table('sessionLogs').toArray(),
  outbox: await database.outbox.toArray(),
  counter: await counter(),
  days: await readActivityDays('2000-01-01', '2100-01-01'),
  drafts: await database.table('drafts').toArray(),
})

describe('outbox', () => {
  it('writes a new record and one put entry with the next mutation id and the schema version', async () => {
    const log = await saveAccompaniment(anAccompaniment())
    const entries = await readOutbox()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ table: 'accompaniments', recordId: log.id, op: 'put', mutationId: 1, schemaVersion: SCHEMA_VERSION, attempts: 0, lastError: null })
    expect(entries[0]?.payload).toEqual(log)
    expect(await counter()).toBe(2)
    expect(isUlid(log.id)).toBe(true)
    expect(log).toMatchObject({ structureId: null, authorId: await getDeviceId(), deletedAt: null, rev: null, kind: 'individuel' })
  })

  it('takes one mutation id per write from the counter, never from the outbox order', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await saveAccompaniment(anAccompaniment({ notes: 'second version' }), { id: a.id })
    await accompanimentsRepo.remove(a.id)
    expect((await readOutbox()).map((e) => [e.mutationId, e.op])).toEqual([[1, 'put'], [2, 'put'], [3, 'delete']])
    // Acknowledged entries leave the outbox; the counter carries on past them.
    await database.outbox.clear()
    await saveAccompaniment(anAccompaniment())
    expect((await readOutbox()).map((e) => e.mutationId)).toEqual([4])
  })

  it('stamps the enrolled structure and user on new records', async () => {
    await writeMeta(ENROLMENT_KEY, { structureId: 'S1', userId: 'U1' })
    const log = await saveAccompaniment(anAccompaniment())
    expect(log).toMatchObject({ structureId: 'S1', authorId: 'U1' })
  })

  it('opens every write transaction with strict durability', async () => {
    // Every IDB transaction the app opens, whatever object Dexie holds: spy on the prototype.
    const proto = Object.getPrototypeOf(database.backendDB()) as IDBDatabase
    const original = proto.transaction
    const opened: IDBTransaction[] = []
    proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = original.apply(this, args)
      opened.push(tx)
      return tx
    } as IDBDatabase['transaction']
    onTestFinished(() => {
      proto.transaction = original
    })
    // Dexie binds the backend's transaction() when it opens: reopen so it binds the spy.
    database.close()
    await database.open()
    const log = await saveAccompaniment(anAccompaniment())
    await saveAccompaniment(anAccompaniment({ notes: 'edit' }), { id: log.id })
    await accompanimentsRepo.remove(log.id)
    await accompanimentsRepo.purgeBefore('2100-01-01')
    const writes = opened.filter((tx) => tx.mode === 'readwrite')
    expect(writes.length).toBeGreaterThanOrEqual(4)
    for (const tx of writes) expect(tx.durability).toBe('strict')
  })

  it('keeps createdAt and the author on update', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    const b = await saveAccompaniment(anAccompaniment({ durationMinutes: 45 }), { id: a.id })
    expect(b.createdAt).toBe(a.createdAt)
    expect(b.authorId).toBe(a.authorId)
    expect(b.durationMinutes).toBe(45)
  })

  describe('leaves nothing behind when a step of the write fails', () => {
    const steps: [string, (d: TandemDatabase) => void][] = [
      ['the record', (d) => d.table('sessionLogs').hook('creating', fail)],
      ['the outbox entry', (d) => d.outbox.hook('creating', fail)],
      ['the mutation counter', (d) => d.meta.hook('creating', (key) => { if (key === MUTATION_COUNTER_KEY) fail() })],
      ['the per-day counters', (d) => d.table('activityDays').hook('creating', fail)],
      ['the draft removal', (d) => d.table('drafts').hook('deleting', fail)],
    ]
    function fail(): never {
      throw new Error('injected failure')
    }
    for (const [step, inject] of steps) {
      it(`at ${step}`, async () => {
        const draft = await writeDraft({ id: 'draft-1', kind: 'accompaniment', recordId: null, values: { notes: 'x' } })
        const before = await everything()
        inject(database)
        await expect(accompanimentsRepo.save(anAccompaniment(), { draftId: draft.id })).rejects.toThrow('injected failure')
        expect(await everything()).toEqual(before)
        expect(await readDraft(draft.id)).toBeDefined()
      })
    }
  })

  it('answers storage-full and writes nothing when the browser has no room left', async () => {
    const before = await everything()
    database.outbox.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const result = await accompanimentsRepo.save(anAccompaniment())
    expect(result).toEqual({ ok: false, reason: 'storage-full' })
    expect(await everything()).toEqual(before)
  })

  it('refuses invalid content without writing anything, with every field error at once', async () => {
    const result = await accompanimentsRepo.save(anAccompaniment({ themes: [], placePostcode: '123' }))
    expect(result.ok).toBe(false)
    if (result.ok || result.reason !== 'invalid') throw new Error('expected invalid')
    expect(result.errors.map((e) => e.path).sort()).toEqual(['placePostcode', 'themes'])
    expect(await database.table('sessionLogs').count()).toBe(0)
    expect(await outboxSize()).toBe(0)
  })

  it('answers missing when the record being edited was deleted meanwhile', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await accompanimentsRepo.remove(a.id)
    const entries = await outboxSize()
    expect(await accompanimentsRepo.save(anAccompaniment(), { id: a.id })).toEqual({ ok: false, reason: 'missing' })
    expect(await outboxSize()).toBe(entries)
  })

  it('turns a delete into a tombstone without the notes, on the device and in its entry', async () => {
    const a = await saveAccompaniment(anAccompaniment({ notes: 'Rappeler pour le dossier CAF' }))
    await accompanimentsRepo.remove(a.id)
    const stored = await db().table('sessionLogs').get(a.id)
    expect(Object.keys(stored).sort()).toEqual(['authorId', 'createdAt', 'date', 'deletedAt', 'id', 'kind', 'rev', 'structureId', 'updatedAt'])
    expect(stored.updatedAt).toBe(stored.deletedAt)
    expect(await accompanimentsRepo.get(a.id)).toBeUndefined()
    const last = (await readOutbox()).at(-1)
    expect(last).toMatchObject({ op: 'delete', recordId: a.id })
    expect(last?.payload).toEqual(stored)
    expect(JSON.stringify(last)).not.toContain('CAF')
    // Deleting again queues nothing more.
    await accompanimentsRepo.remove(a.id)
    expect(await outboxSize()).toBe(2)
  })

  it('removes the drafts of a deleted record in the same transaction', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await writeDraft({ id: 'edit-draft', kind: 'accompaniment', recordId: a.id, values: { notes: 'typing' } })
    await writeDraft({ id: 'other-draft', kind: 'accompaniment', recordId: null, values: {} })
    await accompanimentsRepo.remove(a.id)
    expect(await readDraft('edit-draft')).toBeUndefined()
    expect(await readDraft('other-draft')).toBeDefined()
  })

  it('keeps the fields a newer version wrote when this version saves the record', async () => {
    const a = await saveAccompaniment(anAccompaniment())
    await database.table('sessionLogs').update(a.id, { followUpDate: '2026-04-01', futureField: { x: 1 } })
    const b = await saveAccompaniment(anAccompaniment({ notes: 'edited here' }), { id: a.id })
    expect(b).toMatchObject({ notes: 'edited here', followUpDate: '2026-04-01', futureField: { x: 1 } })
    expect((await readOutbox()).at(-1)?.payload).toMatchObject({ futureField: { x: 1 } })
  })

  it('creates the device id once and keeps it', async () => {
    const first = await getDeviceId()
    expect(isUlid(first)).toBe(true)
    expect(await getDeviceId()).toBe(first)
    expect((await database.meta.get('deviceId'))?.value).toBe(first)
  })
})
