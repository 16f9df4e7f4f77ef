// The app's own sync client (src/features/sync: outbox, repository, client) against the real
// server in-process, with IndexedDB from fake-indexeddb: each fault of DESIGN.md's list that a
// device can meet ends with the SET CHECK — every record exactly once on the server and on every
// device, nothing lost, nothing doubled, nothing unexpected.
import 'fake-indexeddb/auto'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Queryable } from '../../server/src/db/database.ts'
import { revokeDevice } from '../../server/src/services/admin.ts'
import { TandemDatabase, useDatabase } from '@/db/database'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { workshopsRepo } from '@/features/workshops/repo'
import { createSyncClient, SyncError, type SyncClient } from '@/features/sync/client'
import { outboxSize } from '@/features/sync/outbox'
import { listRejected, readEnrolment } from '@/features/sync/repo'
import { SYNC_BINDINGS } from '@/app/sync'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { seedStructure, startSyncServer, type SeededStructure, type SyncServer } from './helpers/sync.ts'
import { anAccompaniment, aWorkshop } from '../unit/accompaniments/builders'

type Fault = (url: string, phase: 'before' | 'after') => 'drop' | 'garbage' | null

/** A fetch that reaches the Fastify app in-process, through which a test injects faults. */
function injectFetch(server: SyncServer, fault: { current: Fault | null }): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input.toString()
    if (fault.current?.(url, 'before') === 'drop') throw new TypeError('network down')
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const body = init.body === undefined || init.body === null ? undefined : init.body instanceof ArrayBuffer ? Buffer.from(init.body) : String(init.body)
    const response = await server.app.inject({ method: (init.method ?? 'GET') as 'GET' | 'POST', url, headers, ...(body !== undefined ? { payload: body } : {}) })
    const after = fault.current?.(url, 'after')
    // The server committed; the answer is lost on the way back.
    if (after === 'drop') throw new TypeError('connection reset')
    if (after === 'garbage') return new Response('{"lastMutationId": "lots"}', { status: 200, headers: { 'content-type': 'application/json' } })
    const raw = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.rawPayload) : response.rawPayload
    const out = new Headers()
    for (const [key, value] of Object.entries(response.headers)) if (key !== 'content-encoding' && key !== 'content-length' && typeof value === 'string') out.set(key, value)
    return new Response(response.statusCode === 204 ? null : new Uint8Array(raw), { status: response.statusCode, headers: out })
  }) as typeof fetch
}

interface Device {
  name: string
  database: TandemDatabase
  client: SyncClient
}

describe.each(databaseTargets)('the app sync client against the server on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structure: SeededStructure
  let crashNextPush = false
  const fault: { current: Fault | null } = { current: null }
  const devices: Device[] = []

  beforeEach(async () => {
    database = await target.create()
    crashNextPush = false
    fault.current = null
    server = await startSyncServer(database, {
      pushProbe: async (_tx: Queryable) => {
        if (crashNextPush) {
          crashNextPush = false
          throw new Error('server killed mid-batch')
        }
      },
    })
    structure = await seedStructure(server.db)
  })
  afterEach(async () => {
    for (const device of devices.splice(0)) {
      device.database.close()
      await device.database.delete()
    }
    await server.app.close()
    await database.destroy()
  })

  async function newDevice(name: string, locks: Pick<LockManager, 'request'> | null = null): Promise<Device> {
    const db = new TandemDatabase(`client-${name}-${Math.random()}`)
    await db.open()
    const device = { name, database: db, client: createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server, fault), locks }) }
    devices.push(device)
    return device
  }

  /** Runs `action` with this device's database as the app's database. */
  async function on<T>(device: Device, action: () => Promise<T>): Promise<T> {
    useDatabase(device.database)
    return action()
  }

  async function enrolled(name: string, code?: string): Promise<Device & { userId: string }> {
    const device = await newDevice(name)
    const person = code ? { code } : await structure.newPerson(name)
    await on(device, () => device.client.enrol(person.code, name))
    const enrolment = await on(device, readEnrolment)
    return Object.assign(device, { userId: enrolment!.userId })
  }

  async function save(device: Device, notes: string, id?: string): Promise<string> {
    const result = await on(device, () => accompanimentsRepo.save(anAccompaniment({ notes }), { id }))
    if (!result.ok) throw new Error('not saved')
    return result.record.id
  }

  async function serverRows(): Promise<{ id: string; notes: unknown; deleted: boolean }[]> {
    const result = await server.db.query<{ id: string; payload: { notes?: unknown }; deleted_at: string | null }>(
      'SELECT id, payload, deleted_at FROM records WHERE structure_id = $1 ORDER BY id',
      [structure.structureId],
    )
    return result.rows.map((r) => ({ id: r.id, notes: r.payload.notes ?? null, deleted: r.deleted_at !== null }))
  }

  async function deviceRows(device: Device): Promise<{ id: string; notes: unknown; deleted: boolean }[]> {
    const rows = await device.database.table('sessionLogs').toArray()
    return rows
      .map((r) => ({ id: r.id as string, notes: r.notes ?? null, deleted: r.deletedAt !== null }))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
  }

  /** The SET CHECK: the server and every device hold exactly the expected records. */
  async function expectSetCheck(expected: { id: string; notes: unknown; deleted?: boolean }[], onDevices: Device[]): Promise<void> {
    const want = expected.map((e) => ({ id: e.id, notes: e.deleted ? null : e.notes, deleted: e.deleted ?? false })).sort((a, b) => (a.id < b.id ? -1 : 1))
    expect(await serverRows()).toEqual(want)
    for (const device of onDevices) {
      expect(await deviceRows(device), device.name).toEqual(want)
      expect(await on(device, outboxSize), `${device.name} outbox`).toBe(0)
    }
  }

  it('sends what was typed offline and brings it to the author’s second device, edits included', async () => {
    const a = await enrolled('Tablette A')
    const b = await enrolled('Tablette B', await structure.newCode(a.userId))
    const ids = [await save(a, 'un'), await save(a, 'deux'), await save(a, 'trois')]
    await save(a, 'deux, corrigé', ids[1])
    const outcome = await on(a, () => a.client.sync())
    expect(outcome).toMatchObject({ ran: true, sent: 4 })
    await on(b, () => b.client.sync())
    await expectSetCheck([{ id: ids[0]!, notes: 'un' }, { id: ids[1]!, notes: 'deux, corrigé' }, { id: ids[2]!, notes: 'trois' }], [a, b])
    // No echo: what B pulled never entered its outbox, and A's pull of its own records neither.
    await on(a, () => a.client.sync())
    expect(await on(a, outboxSize)).toBe(0)
  })

  it('replays a push whose answer was lost after commit, and nothing is doubled', async () => {
    const a = await enrolled('Tablette A')
    const ids = [await save(a, 'un'), await save(a, 'deux')]
    fault.current = (url, phase) => (url.includes('/push') && phase === 'after' ? 'drop' : null)
    await expect(on(a, () => a.client.sync())).rejects.toMatchObject({ problem: 'unreachable' })
    expect(await on(a, outboxSize)).toBe(2)
    fault.current = null
    await on(a, () => a.client.sync())
    await expectSetCheck([{ id: ids[0]!, notes: 'un' }, { id: ids[1]!, notes: 'deux' }], [a])
  })

  it('deletes nothing from the outbox when the answer does not parse', async () => {
    const a = await enrolled('Tablette A')
    const id = await save(a, 'un')
    fault.current = (url, phase) => (url.includes('/push') && phase === 'after' ? 'garbage' : null)
    await expect(on(a, () => a.client.sync())).rejects.toBeInstanceOf(SyncError)
    expect(await on(a, outboxSize)).toBe(1)
    fault.current = null
    await on(a, () => a.client.sync())
    await expectSetCheck([{ id, notes: 'un' }], [a])
  })

  it('applies nothing of a batch whose server died mid-transaction, and all of it on retry', async () => {
    const a = await enrolled('Tablette A')
    const ids = [await save(a, 'un'), await save(a, 'deux'), await save(a, 'trois')]
    crashNextPush = true
    await expect(on(a, () => a.client.sync())).rejects.toBeInstanceOf(SyncError)
    expect(await serverRows()).toEqual([])
    await on(a, () => a.client.sync())
    await expectSetCheck(ids.map((id, i) => ({ id, notes: ['un', 'deux', 'trois'][i] })), [a])
  })

  it('lets the later push win when two devices of one author edit one record', async () => {
    const a = await enrolled('Tablette A')
    const b = await enrolled('Tablette B', await structure.newCode(a.userId))
    const id = await save(a, 'version A')
    await on(a, () => a.client.sync())
    await on(b, () => b.client.sync())
    await save(a, 'version A2', id)
    await save(b, 'version B', id)
    await on(a, () => a.client.sync())
    await on(b, () => b.client.sync())
    await on(a, () => a.client.sync())
    await expectSetCheck([{ id, notes: 'version B' }], [a, b])
    const history = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM record_history WHERE structure_id = $1 AND record_id = $2', [structure.structureId, id])
    expect(Number(history.rows[0]?.n)).toBe(2)
  })

  it('carries a deletion to the other device as a tombstone without the notes', async () => {
    const a = await enrolled('Tablette A')
    const b = await enrolled('Tablette B', await structure.newCode(a.userId))
    const id = await save(a, 'à supprimer')
    await on(a, () => a.client.sync())
    await on(b, () => b.client.sync())
    await on(a, () => accompanimentsRepo.remove(id))
    await on(a, () => a.client.sync())
    await on(b, () => b.client.sync())
    await expectSetCheck([{ id, notes: null, deleted: true }], [a, b])
    const stored = await b.database.table('sessionLogs').get(id)
    expect(stored.notes).toBeUndefined()
  })

  it('keeps unsent work when revoked while offline, and sends it after re-enrolment', async () => {
    const a = await enrolled('Tablette A')
    const first = await save(a, 'avant')
    await on(a, () => a.client.sync())
    const offline = [await save(a, 'hors ligne 1'), await save(a, 'hors ligne 2')]
    const enrolment = await on(a, readEnrolment)
    await revokeDevice(server.db, structure.structureId, enrolment!.deviceId)
    await expect(on(a, () => a.client.sync())).rejects.toMatchObject({ problem: 'revoked' })
    expect(await on(a, outboxSize)).toBe(2)
    expect((await on(a, readEnrolment))?.revokedAt).not.toBeNull()
    await on(a, async () => a.client.enrol(await structure.newCode(a.userId), 'Tablette A'))
    await on(a, () => a.client.sync())
    await expectSetCheck([{ id: first, notes: 'avant' }, { id: offline[0]!, notes: 'hors ligne 1' }, { id: offline[1]!, notes: 'hors ligne 2' }], [a])
  })

  it('sends after a tab closed between the local commit and the push', async () => {
    const a = await enrolled('Tablette A')
    const id = await save(a, 'écrit, puis onglet fermé')
    // A new tab: a new client over the same database.
    const reopened = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server, fault), locks: null })
    await on(a, () => reopened.sync())
    await expectSetCheck([{ id, notes: 'écrit, puis onglet fermé' }], [a])
  })

  it('lets one tab push at a time, and two tabs pushing anyway double nothing', async () => {
    const a = await enrolled('Tablette A')
    const ids = await Promise.all([save(a, 'un'), save(a, 'deux'), save(a, 'trois')])
    // A lock manager shared by two tabs: the second finds the lock held and skips its turn.
    let held = false
    const locks = {
      request: async (_name: string, _options: LockOptions, callback: (lock: Lock | null) => Promise<unknown>) => {
        if (held) return callback(null)
        held = true
        try {
          return await callback({ name: 'tandem-sync', mode: 'exclusive' } as Lock)
        } finally {
          held = false
        }
      },
    } as unknown as Pick<LockManager, 'request'>
    const tab1 = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server, fault), locks })
    const tab2 = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server, fault), locks })
    useDatabase(a.database)
    const [one, two] = await Promise.all([tab1.sync(), tab2.sync()])
    expect([one.ran, two.ran].sort()).toEqual([false, true])
    // Without a lock (an old browser): both push the same entries; the server skips the replay.
    await save(a, 'quatre')
    const free1 = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server, fault), locks: null })
    const free2 = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server, fault), locks: null })
    await Promise.allSettled([free1.sync(), free2.sync()])
    await free1.sync()
    const rows = await serverRows()
    expect(rows).toHaveLength(4)
    expect(new Set(rows.map((r) => r.id)).size).toBe(4)
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(ids))
    expect(await on(a, outboxSize)).toBe(0)
  })

  it('keeps a mutation the server refuses, with its reason, and moves past it', async () => {
    const a = await enrolled('Tablette A')
    const good = await save(a, 'valide')
    // Written by a broken build: a record the shared schema refuses.
    await a.database.table('sessionLogs').put({ id: '01JBADBADBADBADBADBADBADBA', notes: 'cassé' })
    await a.database.outbox.add({ mutationId: 2, table: 'accompaniments', recordId: '01JBADBADBADBADBADBADBADBA', op: 'put', schemaVersion: 2, payload: { id: '01JBADBADBADBADBADBADBADBA', notes: 'cassé' }, attempts: 0, lastError: null, createdAt: new Date().toISOString() })
    await a.database.meta.put({ key: 'nextMutationId', value: 3 })
    const after = await save(a, 'après')
    await on(a, () => a.client.sync())
    expect(await on(a, outboxSize)).toBe(0)
    const rejected = await on(a, listRejected)
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ mutationId: 2, recordId: '01JBADBADBADBADBADBADBADBA' })
    expect(rejected[0]?.reason).toBeTruthy()
    expect((await serverRows()).map((r) => r.id).sort()).toEqual([good, after].sort())
  })

  it('shares workshops with a colleague but never an agent’s accompaniments, and another structure sees nothing', async () => {
    const a = await enrolled('Awa')
    const colleague = await enrolled('Bruno')
    await on(a, () => accompanimentsRepo.save(anAccompaniment({ notes: 'privé' })))
    const w = await on(a, () => workshopsRepo.save(aWorkshop({ title: 'Atelier partagé' })))
    if (!w.ok) throw new Error('workshop not saved')
    await on(a, () => a.client.sync())
    await on(colleague, () => colleague.client.sync())
    expect(await colleague.database.table('sessionLogs').count()).toBe(0)
    expect((await colleague.database.table('workshops').toArray()).map((r) => r.title)).toEqual(['Atelier partagé'])
    const other = await seedStructure(server.db, 'Médiathèque de Privas')
    const stranger = await newDevice('Autre structure')
    await on(stranger, async () => stranger.client.enrol((await other.newPerson('Chloé')).code, 'Autre'))
    await on(stranger, () => stranger.client.sync())
    expect(await stranger.database.table('sessionLogs').count()).toBe(0)
    expect(await stranger.database.table('workshops').count()).toBe(0)
  })
})
