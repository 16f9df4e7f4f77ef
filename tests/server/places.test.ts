// The places directory on the server: `npm run admin -- import-places`, the service a console
// route will call, the daily fetch of PLACES_SOURCE_URL (from a local HTTP server), and a place
// travelling through sync to two devices of the structure running the app's own sync client.
import 'fake-indexeddb/auto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { runAdmin } from '../../server/src/cli/admin.ts'
import { importFromSource, importPlaces, setStructureDepartements } from '../../server/src/services/places.ts'
import { schedulePlacesFetch } from '../../server/src/services/places-schedule.ts'
import { TandemDatabase, useDatabase } from '@/db/database'
import { createSyncClient } from '@/features/sync/client'
import { allCentres, getPlace, placesByPostcode } from '@/features/places/repo'
import { SYNC_BINDINGS } from '@/app/sync'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { seedStructure, startSyncServer, type SeededStructure, type SyncServer } from './helpers/sync.ts'

const root = new URL('../..', import.meta.url).pathname
const official = (name: string) => readFile(new URL(`../unit/places/fixtures/${name}`, import.meta.url), 'utf8')

const FIELDS = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'latitude', 'longitude', 'telephone', 'horaires', 'date_maj', 'services']
function placesCsv(rows: Partial<Record<string, string>>[]): string {
  const base = { pivot: '21070334000016', commune: 'Vals-les-Bains', code_postal: '07600', code_insee: '07331', latitude: '44.6651', longitude: '4.3660', horaires: 'Mo-Fr 09:00-17:00', date_maj: '2026-10-01', services: 'Accès internet et matériel informatique' }
  return Papa.unparse(rows.map((row, i) => ({ ...Object.fromEntries(FIELDS.map((f) => [f, ''])), ...base, id: `lieu-${i + 1}`, nom: `Lieu ${i + 1}`, adresse: `${i + 1} rue de la Gare`, ...row })), { columns: FIELDS })
}

function injectFetch(server: SyncServer): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input.toString()
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const body = init.body === undefined || init.body === null ? undefined : init.body instanceof ArrayBuffer ? Buffer.from(init.body) : String(init.body)
    const response = await server.app.inject({ method: (init.method ?? 'GET') as 'GET' | 'POST', url, headers, ...(body !== undefined ? { payload: body } : {}) })
    const raw = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.rawPayload) : response.rawPayload
    const out = new Headers()
    for (const [key, value] of Object.entries(response.headers)) if (key !== 'content-encoding' && key !== 'content-length' && typeof value === 'string') out.set(key, value)
    return new Response(response.statusCode === 204 ? null : new Uint8Array(raw), { status: response.statusCode, headers: out })
  }) as typeof fetch
}

describe.each(databaseTargets)('places on the server on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structure: SeededStructure
  let dir: string
  const devices: TandemDatabase[] = []

  beforeEach(async () => {
    database = await target.create()
    server = await startSyncServer(database)
    structure = await seedStructure(server.db)
    dir = await mkdtemp(join(tmpdir(), 'tandem-places-'))
  })
  afterEach(async () => {
    for (const device of devices.splice(0)) {
      device.close()
      await device.delete()
    }
    await server.app.close()
    await database.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  const placeRows = async () =>
    (await server.db.query<{ id: string; rev: number; deleted_at: string | null; visibility: string; payload: { name: string } }>(
      "SELECT id, rev, deleted_at, visibility, payload FROM records WHERE structure_id = $1 AND table_name = 'places' ORDER BY rev",
      [structure.structureId],
    )).rows
  const version = async () => (await server.db.query<{ version: number }>('SELECT version FROM structures WHERE id = $1', [structure.structureId])).rows[0]!.version

  it('imports a file as shared records with their own change numbers, and a second import of it changes nothing', async () => {
    const text = placesCsv([{}, {}, { nom: '' }])
    const first = await importPlaces(server.db, { structureId: structure.structureId, text, fileName: 'lieux.csv' })
    expect(first).toMatchObject({ added: 2, updated: 0, unchanged: 0, report: { rowsRead: 3, kept: 2 } })
    expect(first.report.rejected).toEqual([{ row: 3, name: null, reasons: [{ field: 'nom', value: '', reason: 'missing_field' }] }])
    const rows = await placeRows()
    expect(rows.map((r) => r.rev)).toEqual([1, 2])
    expect(rows.every((r) => r.visibility === 'structure')).toBe(true)

    const again = await importPlaces(server.db, { structureId: structure.structureId, text, fileName: 'lieux.csv' })
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 })
    expect(await version()).toBe(2)

    const changed = await importPlaces(server.db, { structureId: structure.structureId, text: placesCsv([{ nom: 'Lieu 1 (rénové)' }, {}]), fileName: 'lieux.csv' })
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 1 })
    const history = await server.db.query('SELECT record_id FROM record_history WHERE structure_id = $1 AND table_name = $2', [structure.structureId, 'places'])
    expect(history.rows).toHaveLength(1)
  })

  it('replaces the places of the chosen départements that the file no longer lists, and only those', async () => {
    await importPlaces(server.db, { structureId: structure.structureId, text: placesCsv([{}, {}, { code_postal: '26000', code_insee: '26362', commune: 'Valence' }]) })
    const result = await importPlaces(server.db, { structureId: structure.structureId, text: placesCsv([{}]), departements: ['07'], replace: true })
    expect(result).toMatchObject({ unchanged: 1, removed: 1 })
    const rows = await placeRows()
    expect(rows.filter((r) => r.deleted_at !== null)).toHaveLength(1)
    expect(rows.filter((r) => r.deleted_at === null).map((r) => r.payload.name).sort()).toEqual(['Lieu 1', 'Lieu 3'])
  })

  it('refuses a place pushed by a device: the directory is written by the server only', async () => {
    const { code } = await structure.newPerson('Awa')
    const device = new TandemDatabase(`places-push-${Math.random()}`)
    devices.push(device)
    await device.open()
    useDatabase(device)
    const client = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server), locks: null })
    await client.enrol(code, 'Tablette')
    const token = (await device.table('meta').get('enrolment'))!.value.token as string
    const now = new Date().toISOString()
    const answer = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { schemaVersion: 3, mutations: [{ id: 1, table: 'places', op: 'put', schemaVersion: 3, record: { id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', createdAt: now, updatedAt: now } }] },
    })
    expect(answer.json()).toEqual({ lastMutationId: 1, rejected: [{ id: 1, reason: 'read_only_table' }] })
    expect(await placeRows()).toEqual([])
  })

  it('sends the places to every device of the structure, with their commune centres, and a deletion after', async () => {
    const agents = await Promise.all([structure.newPerson('Awa'), structure.newPerson('Marc')])
    const clients = []
    for (const [i, agent] of agents.entries()) {
      const device = new TandemDatabase(`places-sync-${i}-${Math.random()}`)
      devices.push(device)
      await device.open()
      useDatabase(device)
      const client = createSyncClient({ bindings: SYNC_BINDINGS, fetch: injectFetch(server), locks: null })
      await client.enrol(agent.code, `Tablette ${i}`)
      clients.push({ device, client })
    }
    const official101 = await official('official-v1.0.1.csv')
    await importPlaces(server.db, { structureId: structure.structureId, text: placesCsv([{}, { latitude: '44.6751', longitude: '4.3760' }]) })
    await importPlaces(server.db, { structureId: structure.structureId, text: official101, fileName: 'official.csv' })
    const serverIds = (await placeRows()).map((r) => r.id).sort()

    for (const { device, client } of clients) {
      useDatabase(device)
      await client.sync()
      const local = (await device.table('places').toArray()).map((p) => p.id as string).sort()
      expect(local).toEqual(serverIds)
      const vals = await placesByPostcode('07600')
      expect(vals.map((p) => p.name).sort()).toEqual(['Lieu 1', 'Lieu 2'])
      const centre = (await allCentres()).find((c) => c.postcode === '07600')
      expect(centre).toMatchObject({ places: 2, located: 2 })
      expect(centre!.latSum / centre!.located).toBeCloseTo(44.6701, 4)
      expect(await device.table('outbox').count()).toBe(0)
    }

    await importPlaces(server.db, { structureId: structure.structureId, text: placesCsv([{}]), departements: ['07'], replace: true })
    const gone = (await placeRows()).find((r) => r.deleted_at !== null)!
    for (const { device, client } of clients) {
      useDatabase(device)
      await client.sync()
      expect(await getPlace(gone.id)).toBeUndefined()
      expect((await allCentres()).find((c) => c.postcode === '07600')).toMatchObject({ places: 1, located: 1 })
    }
  })

  it('runs `npm run admin -- import-places` with a JSON report, and exits non-zero only when the file cannot be read', async () => {
    const env = target.kind === 'pglite' ? { DATA_DIR: database.options.dataDir } : { DATABASE_URL: database.options.databaseUrl }
    // The CLI opens the database itself: the test server's handle must let go first.
    await server.app.close()
    await server.db.close()
    const admin = async (...argv: string[]) => {
      let stdout = ''
      let stderr = ''
      const code = await runAdmin(argv, { env, cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
      return { code, stdout, stderr }
    }
    const file = join(dir, 'lieux.csv')
    await writeFile(file, placesCsv([{}, { telephone: 'pas de numéro' }, { code_postal: '' }, { code_postal: '26000', code_insee: '26362' }]))
    const result = await admin('import-places', '--structure', structure.structureId, file, '--departements', '07', '--json')
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const report = JSON.parse(result.stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      rowsRead: 4,
      kept: 2,
      added: 2,
      outsideDepartements: 1,
      rejected: [{ row: 3, reasons: [{ field: 'code_postal', reason: 'missing_field' }] }],
      dropped: [{ row: 2, field: 'telephone', value: 'pas de numéro', reason: 'invalid_phone' }],
    })

    const unreadable = join(dir, 'broken.json')
    await writeFile(unreadable, '[{"nom": ')
    expect((await admin('import-places', '--structure', structure.structureId, unreadable, '--json')).code).toBe(1)
    expect((await admin('import-places', '--structure', structure.structureId, join(dir, 'missing.csv'))).code).toBe(1)
    const text = await admin('import-places', '--structure', structure.structureId, file)
    expect(text.stdout).toContain('4 rows read (format v1): 2 kept, 1 rejected')
    expect(text.stdout).toContain('0 places added, 0 updated, 2 unchanged')
    // Reopened so afterEach can close what it opened.
    server = await startSyncServer(database)
  })

  it('fetches PLACES_SOURCE_URL at start for the structures that chose départements', async () => {
    const body = placesCsv([{}, { code_postal: '26000', code_insee: '26362', commune: 'Valence' }])
    let requests = 0
    const http: Server = createServer((_req, res) => {
      requests++
      res.writeHead(200, { 'content-type': 'text/csv' })
      res.end(body)
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/2026-11-30_anct_lieux-de-mediation-numerique_france.csv`
    try {
      expect(await importFromSource(server.db, url)).toEqual([])
      expect(requests).toBe(0)
      await setStructureDepartements(server.db, structure.structureId, ['26'])
      const logs: unknown[] = []
      const log = { info: (o: unknown) => logs.push(o), error: (o: unknown) => logs.push(o) } as unknown as Parameters<typeof schedulePlacesFetch>[2]
      const done = new Promise<boolean>((resolve) => {
        const stop = schedulePlacesFetch(server.db, url, log, { onRun: (ok) => { stop(); resolve(ok) } })
      })
      expect(await done).toBe(true)
      expect(requests).toBe(1)
      expect((await placeRows()).map((r) => r.payload.name)).toEqual(['Lieu 2'])
      expect(logs).toEqual([{ places: expect.objectContaining({ structureId: structure.structureId, added: 1, rowsRead: 2, kept: 1 }) }])
    } finally {
      await new Promise((resolve) => http.close(resolve))
    }
  })
})
