// Enrolment and the hardening of the sync routes: single-use expiring codes, rate limits and
// the wrong-code lock, tokens only in the Authorization header, CORS closed, schema versions,
// and nothing secret (token, code, notes) in any log line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { EnrolmentGuard } from '../../server/src/auth/enrolment-guard.ts'
import { createCode } from '../../server/src/services/admin.ts'
import type { SyncRouteOptions } from '../../server/src/routes/sync.ts'
import { MAX_CLIENT_SCHEMA_VERSION } from '../../server/src/services/sync-tables.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { accompaniment, seedStructure, SimDevice, startSyncServer, type SeededStructure, type SyncServer } from './helpers/sync.ts'

describe.each(databaseTargets)('enrolment and hardening on $kind', (target) => {
  let database: TestDatabase
  let server: SyncServer
  let structure: SeededStructure

  async function start(sync: Omit<SyncRouteOptions, 'db'> = {}): Promise<void> {
    server = await startSyncServer(database, sync)
    structure = await seedStructure(server.db, 'Médiathèque Aubenas')
  }

  beforeEach(async () => {
    database = await target.create()
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  const enrol = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) })

  it('exchanges a code for a token, the user and the structure with its retention', async () => {
    await start()
    const person = await structure.newPerson('Awa Diallo')
    const response = await enrol({ code: person.code.toLowerCase().replace(/-/g, ' '), deviceName: 'Tablette accueil', nextMutationId: 42 })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      token: expect.stringMatching(/^[0-9A-Z]{26}\.[0-9A-Z]{26}\.[\w-]{43}$/),
      deviceId: expect.any(String),
      user: { id: person.userId, role: 'agent', displayName: 'Awa Diallo' },
      structure: { id: structure.structureId, name: 'Médiathèque Aubenas', retentionMonths: 24 },
    })
    const { token, deviceId } = response.json<{ token: string; deviceId: string }>()
    const row = await server.db.query<{ last_mutation_id: number; name: string; token_hash: string }>(
      'SELECT last_mutation_id, name, token_hash FROM devices WHERE structure_id = $1 AND id = $2',
      [structure.structureId, deviceId],
    )
    expect(row.rows[0]).toMatchObject({ last_mutation_id: 41, name: 'Tablette accueil' })
    expect(row.rows[0]!.token_hash).not.toContain(token.split('.')[2]!) // only a hash is stored

    // Settings tell the device what changed since (here: the retention).
    await server.db.query('UPDATE structures SET retention_months = 12 WHERE id = $1', [structure.structureId])
    const settings = await server.app.inject({ method: 'GET', url: '/api/sync/settings', headers: { authorization: `Bearer ${token}` } })
    expect(settings.json()).toEqual({
      deviceId,
      user: { id: person.userId, role: 'agent', displayName: 'Awa Diallo' },
      structure: { id: structure.structureId, name: 'Médiathèque Aubenas', retentionMonths: 12 },
    })
  })

  it('uses a code once, refuses it after 48 hours, and makes a new device row per enrolment', async () => {
    await start()
    const person = await structure.newPerson()
    expect((await enrol({ code: person.code, deviceName: 'A', nextMutationId: 1 })).statusCode).toBe(200)
    const again = await enrol({ code: person.code, deviceName: 'B', nextMutationId: 1 })
    expect(again.statusCode).toBe(410)
    expect(again.json()).toEqual({ error: 'code_used', message: expect.stringContaining('déjà servi') })

    const old = await createCode(server.db, structure.structureId, { userId: person.userId }, new Date(Date.now() - 48 * 3600_000 - 1000))
    const expired = await enrol({ code: old.code, deviceName: 'B', nextMutationId: 1 })
    expect(expired.statusCode).toBe(410)
    expect(expired.json()).toEqual({ error: 'code_expired', message: expect.stringContaining('48 heures') })

    const second = await enrol({ code: await structure.newCode(person.userId), deviceName: 'B', nextMutationId: 1 })
    expect(second.statusCode).toBe(200)
    const devices = await server.db.query('SELECT id FROM devices WHERE structure_id = $1 AND user_id = $2', [structure.structureId, person.userId])
    expect(devices.rows).toHaveLength(2)
  })

  it('lets one of two devices racing with one code win', async () => {
    await start()
    const person = await structure.newPerson()
    const answers = await Promise.all([1, 2, 3].map((n) => enrol({ code: person.code, deviceName: `T${n}`, nextMutationId: 1 })))
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 410, 410])
  })

  it('locks enrolment from an address after too many wrong codes, with a message that says so', async () => {
    await start({ enrolmentGuard: new EnrolmentGuard({ maxFailures: 3 }) })
    const person = await structure.newPerson()
    for (let i = 0; i < 3; i++) {
      const wrong = await enrol({ code: 'ZZZZ-ZZZZ-ZZZZ', deviceName: 'T', nextMutationId: 1 })
      expect(wrong.statusCode).toBe(400)
      expect(wrong.json()).toEqual({ error: 'invalid_code', message: expect.stringContaining('pas valable') })
    }
    // Locked now, even for the right code.
    const locked = await enrol({ code: person.code, deviceName: 'T', nextMutationId: 1 })
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toMatchObject({ error: 'enrolment_locked', message: expect.stringContaining('15 minutes') })
    expect(locked.headers['retry-after']).toBeDefined()
    // Another address is not locked.
    const elsewhere = await server.app.inject({
      method: 'POST',
      url: '/api/enrol',
      remoteAddress: '203.0.113.9',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: person.code, deviceName: 'T', nextMutationId: 1 }),
    })
    expect(elsewhere.statusCode).toBe(200)
  })

  it('rate-limits enrolment per address and per code', async () => {
    await start({ enrolPerAddress: 4, enrolPerCode: 2 })
    const person = await structure.newPerson()
    const fromAddress = (address: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/enrol',
        remoteAddress: address,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ code: person.code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), deviceName: 'T', nextMutationId: 1 }),
      })
    // One code tried from three addresses: the third try of that code is refused.
    expect((await fromAddress('198.51.100.1')).statusCode).toBe(400)
    expect((await fromAddress('198.51.100.2')).statusCode).toBe(400)
    const perCode = await fromAddress('198.51.100.3')
    expect(perCode.statusCode).toBe(429)
    expect(perCode.json()).toEqual({ error: 'too_many_requests', message: expect.stringContaining('Patientez') })
    // One address trying different codes: the fifth request is refused before anything else.
    for (let i = 0; i < 4; i++) await enrol({ code: `AAAA-AAAA-AAA${i}`, deviceName: 'T', nextMutationId: 1 })
    const perAddress = await enrol({ code: person.code, deviceName: 'T', nextMutationId: 1 })
    expect(perAddress.statusCode).toBe(429)
    expect(perAddress.json()).toEqual({ error: 'too_many_requests', message: expect.any(String) })
  })

  it('reads the token from the Authorization header only, and answers 401 otherwise', async () => {
    await start()
    const device = new SimDevice(server.transport)
    await device.enrol((await structure.newPerson()).code)
    const token = device.token!
    const ok = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `Bearer ${token}` } })
    expect(ok.statusCode).toBe(200)
    for (const request of [
      { url: `/api/sync/pull?token=${token}`, headers: {} },
      { url: '/api/sync/pull', headers: { cookie: `token=${token}` } },
      { url: '/api/sync/pull', headers: { authorization: token } },
      { url: '/api/sync/pull', headers: { authorization: `Bearer ${token.slice(0, -2)}xx` } },
      { url: '/api/sync/pull', headers: { authorization: 'Bearer nonsense' } },
    ]) {
      const refused = await server.app.inject({ method: 'GET', ...request })
      expect(refused.statusCode, request.url).toBe(401)
      expect(refused.json()).toEqual({ error: 'unauthorized', message: expect.stringContaining('pas reconnu') })
      expect(refused.headers['www-authenticate']).toBe('Bearer')
    }
  })

  it('answers 426 to an app too old and 422 to one newer than the server', async () => {
    await start()
    const device = new SimDevice(server.transport)
    await device.enrol((await structure.newPerson()).code)
    const old = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json', ...device.auth() },
      payload: JSON.stringify({ schemaVersion: 0, mutations: [] }),
    })
    expect(old.statusCode).toBe(426)
    expect(old.json()).toEqual({ error: 'app_too_old', message: expect.stringContaining('trop ancienne'), minSchemaVersion: 1 })
    const oldPull = await server.app.inject({ method: 'GET', url: '/api/sync/pull?schemaVersion=0', headers: device.auth() })
    expect(oldPull.statusCode).toBe(426)
    const newer = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json', ...device.auth() },
      payload: JSON.stringify({ schemaVersion: 99, mutations: [] }),
    })
    expect(newer.statusCode).toBe(422)
    expect(newer.json()).toMatchObject({ error: 'server_too_old', maxSchemaVersion: MAX_CLIENT_SCHEMA_VERSION })
  })

  it('sends no CORS header: other sites cannot call the API from a browser', async () => {
    await start()
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/api/sync/push',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    })
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    const post = await enrol({ code: 'x', deviceName: 'T', nextMutationId: 1 }, { origin: 'https://evil.example' })
    expect(post.headers['access-control-allow-origin']).toBeUndefined()
    expect(post.headers['access-control-allow-credentials']).toBeUndefined()
  })

  it('never writes a token, a code or a note in a log line', async () => {
    await start()
    const person = await structure.newPerson()
    const device = new SimDevice(server.transport)
    await device.enrol(person.code)
    const notes = 'Mme Martin, 06 12 34 56 78, dossier retraite'
    device.put('accompaniments', accompaniment({ notes }))
    device.put('accompaniments', accompaniment({ notes, durationMinutes: 0 })) // rejected, logged nowhere
    await device.pushAll()
    await device.pullAll()
    // Malformed bodies quoting a code and a note, a token in the URL, a bad token.
    await enrol({ code: 'ZZZZ-ZZZZ-ZZZZ', deviceName: 'T', nextMutationId: 1 })
    // A body that is not JSON at all: the parser's own message would quote it.
    await server.app.inject({ method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/json' }, payload: `x${person.code} ${notes}` })
    await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...device.auth() },
      payload: gzipSync(`{"schemaVersion":1,"mutations":[{"notes":"${notes}"`),
    })
    await server.app.inject({ method: 'GET', url: `/api/sync/pull?token=${device.token}`, headers: { authorization: `Bearer ${device.token}x` } })
    const secret = device.token!.split('.')[2]!
    const everything = server.logs.join('\n')
    expect(server.logs.length).toBeGreaterThan(5)
    // A parser's message quotes the first characters of what it could not read: none may get out.
    for (const forbidden of [secret, person.code, person.code.slice(0, 9), person.code.replace(/-/g, ''), 'ZZZZZZZZZZZZ', 'Mme Martin', '06 12 34 56 78']) {
      expect(everything).not.toContain(forbidden)
    }
    // The answers do not echo them either.
    const echo = await server.app.inject({ method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/json' }, payload: `x${person.code} ${notes}` })
    expect(echo.statusCode).toBe(400)
    expect(echo.body).not.toContain(person.code.slice(0, 9))
    expect(echo.body).not.toContain('Mme Martin')
  })
})
