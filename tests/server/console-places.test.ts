// The places directory in the console: the upload route (guard, the official example files,
// the report, re-upload, too large, unreadable), the structure's départements (validated, used by
// the upload and the daily fetch), places reaching a device through sync, and the audit line
// without the file's content.
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ulid } from 'ulid'
import Papa from 'papaparse'
import type { LightMyRequestResponse } from 'fastify'
import { issueSessionSecret, CONSOLE_HEADER, SESSION_COOKIE } from '../../server/src/auth/sessions.ts'
import { importFromSource } from '../../server/src/services/places.ts'
import { PLACES_REPORT_LIST_LIMIT, PLACES_UPLOAD_LIMIT_BYTES, validateDepartements } from '../../server/src/services/console-places.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { call, signedInStructure, startConsoleServer, type ConsoleServer, type ConsoleStructure } from './helpers/console.ts'
import { injectTransport, SimDevice } from './helpers/sync.ts'

const official = (name: string) => readFile(new URL(`../unit/places/fixtures/${name}`, import.meta.url))

const FIELDS = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'telephone', 'horaires', 'date_maj', 'services']
function placesCsv(rows: Partial<Record<string, string>>[]): string {
  const base = { pivot: '21070334000016', commune: 'Vals-les-Bains', code_postal: '07600', code_insee: '07331', horaires: 'Mo-Fr 09:00-17:00', date_maj: '2026-10-01', services: 'Accès internet et matériel informatique' }
  return Papa.unparse(rows.map((row, i) => ({ ...Object.fromEntries(FIELDS.map((f) => [f, ''])), ...base, id: `lieu-${i + 1}`, nom: `Lieu ${i + 1}`, adresse: `${i + 1} rue de la Gare`, ...row })), { columns: FIELDS })
}

interface UploadAnswer {
  format: string
  rowsRead: number
  kept: number
  outsideDepartements: number
  departements: string[] | null
  rejected: Array<{ row: number; name: string | null; reasons: Array<{ field: string; value: string; reason: string }> }>
  rejectedCount: number
  dropped: Array<{ row: number; field: string; value: string; reason: string }>
  droppedCount: number
  keptAsText: unknown[]
  keptAsTextCount: number
  added: number
  updated: number
  unchanged: number
  removed: number
}

describe.each(databaseTargets)('console places on $kind', (target) => {
  let database: TestDatabase
  let server: ConsoleServer
  let home: ConsoleStructure

  beforeEach(async () => {
    database = await target.create()
    server = await startConsoleServer(database)
    home = await signedInStructure(server)
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  const placesUrl = (structureId = home.structureId) => `/api/console/structures/${structureId}/places`

  function upload(bytes: string | Buffer, options: { cookie?: string; header?: boolean; query?: string; type?: string; structureId?: string } = {}): Promise<LightMyRequestResponse> {
    return server.app.inject({
      method: 'POST',
      url: `${placesUrl(options.structureId)}${options.query ? `?${options.query}` : ''}`,
      headers: { ...(options.header === false ? {} : { [CONSOLE_HEADER]: '1' }), 'content-type': options.type ?? 'application/octet-stream' },
      ...(options.cookie !== undefined ? { cookies: { [SESSION_COOKIE]: options.cookie } } : { cookies: { [SESSION_COOKIE]: home.cookie } }),
      payload: bytes,
    })
  }
  const placeRows = async (structureId = home.structureId) =>
    (await server.db.query<{ id: string; rev: number; deleted_at: string | null; payload: { name: string; departement: string } }>(
      "SELECT id, rev, deleted_at, payload FROM records WHERE structure_id = $1 AND table_name = 'places' ORDER BY rev",
      [structureId],
    )).rows
  const version = async () => (await server.db.query<{ version: number }>('SELECT version FROM structures WHERE id = $1', [home.structureId])).rows[0]!.version

  async function agentSession(): Promise<{ cookie: string; code: string }> {
    const agent = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Awa Diallo', role: 'agent' } })
    const { userId, code } = agent.json<{ userId: string; code: string }>()
    const issued = issueSessionSecret(home.structureId, ulid())
    await server.db.query(
      "INSERT INTO console_sessions (structure_id, id, user_id, secret_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 hour')",
      [home.structureId, issued.sessionId, userId, issued.secretHash],
    )
    return { cookie: issued.cookie, code }
  }

  it('guards the places routes: no header 403, no cookie 401, an agent 403, another structure 404, and nothing is imported', async () => {
    const other = await signedInStructure(server, 'France Services Privas')
    const { cookie: agentCookie } = await agentSession()
    const file = placesCsv([{}])
    const noHeader = await upload(file, { header: false })
    expect([noHeader.statusCode, noHeader.json().error]).toEqual([403, 'console_header_missing'])
    const noCookie = await upload(file, { cookie: '' })
    expect([noCookie.statusCode, noCookie.json().error]).toEqual([401, 'signed_out'])
    const agent = await upload(file, { cookie: agentCookie })
    expect([agent.statusCode, agent.json().error]).toEqual([403, 'forbidden'])
    const otherStructure = await upload(file, { cookie: other.cookie })
    expect([otherStructure.statusCode, otherStructure.json().error]).toEqual([404, 'not_found'])
    for (const [method, url, body] of [
      ['GET', placesUrl(), undefined],
      ['PUT', `${placesUrl()}/departements`, { departements: ['07'] }],
    ] as const) {
      expect((await call(server, method, url, { body, header: false, cookie: home.cookie })).statusCode).toBe(403)
      expect((await call(server, method, url, { body })).statusCode).toBe(401)
      expect((await call(server, method, url, { body, cookie: agentCookie })).statusCode).toBe(403)
      expect((await call(server, method, url, { body, cookie: other.cookie })).statusCode).toBe(404)
    }
    expect(await placeRows()).toEqual([])
    expect((await call(server, 'GET', placesUrl(), { cookie: home.cookie })).json()).toEqual({ departements: null, places: 0 })
  })

  it('imports the official example files with zero rejections, answers the report, and a second upload changes nothing', async () => {
    const v1 = await upload(await official('official-v1.0.1.csv'), { query: 'kind=csv' })
    expect(v1.statusCode, v1.body).toBe(200)
    expect(v1.json<UploadAnswer>()).toMatchObject({ format: 'v1', rowsRead: 1, kept: 1, rejected: [], rejectedCount: 0, added: 1, updated: 0, unchanged: 0, removed: 0, departements: null })
    // The v0.1.1 example is the same place in the older format: into a second structure.
    const other = await signedInStructure(server, 'France Services Reims')
    const v0 = await upload(await official('official-v0.1.1.csv'), { query: 'kind=csv', type: 'text/csv', cookie: other.cookie, structureId: other.structureId })
    expect(v0.statusCode, v0.body).toBe(200)
    expect(v0.json<UploadAnswer>()).toMatchObject({ format: 'v0', rowsRead: 1, kept: 1, rejectedCount: 0, rejected: [], added: 1 })
    expect(await placeRows(other.structureId)).toHaveLength(1)
    const report = v1.json<UploadAnswer>()
    expect(Object.keys(report).sort()).toEqual(
      ['added', 'departements', 'dropped', 'droppedCount', 'format', 'kept', 'keptAsText', 'keptAsTextCount', 'outsideDepartements', 'rejected', 'rejectedCount', 'removed', 'rowsRead', 'unchanged', 'updated'].sort(),
    )
    expect(report.droppedCount).toBe(report.dropped.length)
    const before = await version()
    const rows = await placeRows()
    expect(rows).toHaveLength(1)

    const again = await upload(await official('official-v1.0.1.csv'), { query: 'kind=csv' })
    expect(again.json<UploadAnswer>()).toMatchObject({ added: 0, updated: 0, unchanged: 1, removed: 0 })
    expect(await version()).toBe(before)
    expect(await placeRows()).toEqual(rows)
    expect((await call(server, 'GET', placesUrl(), { cookie: home.cookie })).json()).toEqual({ departements: null, places: 1 })
  })

  it('reads the same places as JSON, and a Windows-1252 CSV', async () => {
    const csv = placesCsv([{ nom: 'Médiathèque Jean-Ferrat' }, {}])
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data
    const json = await upload(JSON.stringify(rows), { query: 'kind=json' })
    expect(json.json<UploadAnswer>()).toMatchObject({ rowsRead: 2, kept: 2, added: 2 })
    // The same file saved by an older spreadsheet: é is one byte (0xE9), not valid UTF-8.
    const latin = Buffer.from(csv.replace(/[éè]/g, (c) => String.fromCharCode(c === 'é' ? 0xe9 : 0xe8)), 'latin1')
    const again = await upload(latin, { query: 'kind=csv' })
    expect(again.json<UploadAnswer>()).toMatchObject({ rowsRead: 2, kept: 2, added: 0, unchanged: 2 })
    expect((await placeRows()).map((r) => r.payload.name)).toContain('Médiathèque Jean-Ferrat')
  })

  it('lists rejected rows with reasons and dropped values, the first 100 of each with whole counts', async () => {
    const many = Array.from({ length: PLACES_REPORT_LIST_LIMIT + 20 }, (_, i) => (i % 2 === 0 ? { nom: '' } : { telephone: 'pas de téléphone' }))
    const answer = (await upload(placesCsv([...many, {}]))).json<UploadAnswer>()
    expect(answer.rowsRead).toBe(PLACES_REPORT_LIST_LIMIT + 21)
    expect(answer.rejectedCount).toBe(60)
    expect(answer.rejected).toHaveLength(60)
    expect(answer.rejected[0]).toEqual({ row: 1, name: null, reasons: [{ field: 'nom', value: '', reason: 'missing_field' }] })
    expect(answer.dropped[0]).toMatchObject({ row: 2, field: 'telephone', value: 'pas de téléphone', reason: 'invalid_phone' })
    expect(answer.kept).toBe(61)
    const big = (await upload(placesCsv(Array.from({ length: 130 }, () => ({ telephone: 'non' }))))).json<UploadAnswer>()
    expect(big.droppedCount).toBe(130)
    expect(big.dropped).toHaveLength(PLACES_REPORT_LIST_LIMIT)
  })

  it('refuses a file over the limit with 413 and an unreadable one with 400, in French, and imports nothing', async () => {
    const tooBig = await upload(Buffer.alloc(PLACES_UPLOAD_LIMIT_BYTES + 1, 'a'))
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json()).toEqual({ error: 'file_too_large', message: expect.stringContaining('Ce fichier dépasse 12 Mo') })
    for (const [body, query, reason] of [
      ['', '', 'empty'],
      ['{"lieux": [', 'kind=json', 'invalid_json'],
      ['a,b\n1,2\n', 'kind=csv', 'not_a_places_file'],
      [Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00, 0x01]), '', 'invalid_csv'],
    ] as const) {
      const answer = await upload(body, { query })
      expect(answer.statusCode, `${reason}: ${answer.body}`).toBe(400)
      expect(answer.json()).toMatchObject({ error: 'places_file_unreadable', message: expect.stringContaining('rien n’a été importé') })
    }
    const json = await server.app.inject({ method: 'POST', url: placesUrl(), headers: { [CONSOLE_HEADER]: '1', 'content-type': 'application/json' }, cookies: { [SESSION_COOKIE]: home.cookie }, payload: '{}' })
    expect(json.statusCode).toBe(415)
    expect(await placeRows()).toEqual([])
  })

  it('validates and saves the départements, which the upload and the daily fetch then keep', async () => {
    expect(validateDepartements(['7', '2a', '974', '26', '07'])).toEqual(['07', '2A', '26', '974'])
    for (const wrong of ['20', '96', '00', '977', '970', '2C', 'Ardèche', '123']) {
      const answer = await call(server, 'PUT', `${placesUrl()}/departements`, { cookie: home.cookie, body: { departements: ['07', wrong] } })
      expect(answer.statusCode, wrong).toBe(400)
      expect(answer.json().error).toBe('invalid_departements')
    }
    const saved = await call(server, 'PUT', `${placesUrl()}/departements`, { cookie: home.cookie, body: { departements: ['7', '26'] } })
    expect(saved.json()).toEqual({ departements: ['07', '26'], places: 0 })
    const file = placesCsv([{}, { code_postal: '26000', code_insee: '26362', commune: 'Valence' }, { code_postal: '51100', code_insee: '51454', commune: 'Reims' }])
    const answer = (await upload(file)).json<UploadAnswer>()
    expect(answer).toMatchObject({ rowsRead: 3, kept: 2, outsideDepartements: 1, departements: ['07', '26'], added: 2 })

    // The daily fetch reads the same column.
    const narrowed = await call(server, 'PUT', `${placesUrl()}/departements`, { cookie: home.cookie, body: { departements: ['26'] } })
    expect(narrowed.json()).toEqual({ departements: ['26'], places: 2 })
    const fetcher = (async () => new Response(placesCsv([{}, { code_postal: '26000', code_insee: '26362', commune: 'Valence' }]))) as unknown as typeof fetch
    const [fetched] = await importFromSource(server.db, 'https://example.org/lieux.csv', fetcher)
    expect(fetched).toMatchObject({ structureId: home.structureId, result: { report: { kept: 1, outsideDepartements: 1 }, unchanged: 1, removed: 0 } })
    const cleared = await call(server, 'PUT', `${placesUrl()}/departements`, { cookie: home.cookie, body: { departements: [] } })
    expect(cleared.json()).toEqual({ departements: null, places: 2 })
    expect(await importFromSource(server.db, 'https://example.org/lieux.csv', fetcher)).toEqual([])
  })

  it('sends the uploaded places to a device of the structure through sync', async () => {
    const { code } = await agentSession()
    const tablet = new SimDevice(injectTransport(server.app))
    await tablet.enrol(code)
    await tablet.pullAll()
    expect([...tablet.records.keys()].filter((k) => k.startsWith('places:'))).toEqual([])
    await upload(await official('official-v1.0.1.csv'))
    await tablet.pullAll()
    const places = [...tablet.records.entries()].filter(([key]) => key.startsWith('places:')).map(([, record]) => record)
    expect(places).toHaveLength(1)
    expect(places[0]).toMatchObject({ kind: 'lieu', name: 'Anonymal', postcode: '51100', structureId: home.structureId })
  })

  it('audits « annuaire importé » with who, when and counts, never the file’s content, in the audit or the logs', async () => {
    const secret = 'Maison Zéphyrine Quartz'
    await call(server, 'PUT', `${placesUrl()}/departements`, { cookie: home.cookie, body: { departements: ['07'] } })
    await upload(placesCsv([{ nom: secret, telephone: '06 99 88 77 66' }, { nom: '' }]), { query: 'replace=1' })
    const audit = await call(server, 'GET', `/api/console/structures/${home.structureId}/audit`, { cookie: home.cookie })
    const lines = audit.json<{ lines: Array<{ action: string; at: string; actorName: string; details: Record<string, unknown> }> }>().lines
    expect(lines[0]).toMatchObject({
      action: 'places_imported',
      actorName: home.email,
      at: new Date(server.clock.now).toISOString(),
      details: { format: 'v1', rowsRead: 2, kept: 1, rejected: 1, dropped: 0, outsideDepartements: 0, added: 1, updated: 0, unchanged: 0, removed: 0, replace: true },
    })
    expect(lines[1]).toMatchObject({ action: 'settings_changed', details: { changed: { placesDepartements: '07' } } })
    const everything = JSON.stringify(lines) + server.logs.join('\n')
    for (const text of [secret, '99 88 77 66', 'rue de la Gare']) expect(everything).not.toContain(text)
    const events = await server.db.query('SELECT details FROM audit_events WHERE structure_id = $1', [home.structureId])
    expect(JSON.stringify(events.rows)).not.toContain(secret)
  })
})
