// The console API: who may call it (no cookie 401, not a coordinator 403, another structure
// 404, no custom header 403), sign-in with its lock, passwords never in clear, people and
// devices, settings reaching devices, and the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ulid } from 'ulid'
import { issueSessionSecret, SignInGuard } from '../../server/src/auth/sessions.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { call, cookieOf, PASSWORD, signedInStructure, startConsoleServer, type ConsoleServer, type ConsoleStructure } from './helpers/console.ts'
import { accompaniment, injectTransport, SimDevice } from './helpers/sync.ts'

describe.each(databaseTargets)('console API on $kind', (target) => {
  let database: TestDatabase
  let server: ConsoleServer
  let home: ConsoleStructure

  beforeEach(async () => {
    database = await target.create()
  })
  afterEach(async () => {
    await server.app.close()
    await database.destroy()
  })

  async function start(options: Parameters<typeof startConsoleServer>[1] = {}) {
    server = await startConsoleServer(database, options)
    home = await signedInStructure(server)
  }

  /** A session row for any person (an agent cannot sign in: this is how one would hold one). */
  async function sessionFor(structureId: string, userId: string): Promise<string> {
    const issued = issueSessionSecret(structureId, ulid())
    await server.db.query(
      "INSERT INTO console_sessions (structure_id, id, user_id, secret_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 hour')",
      [structureId, issued.sessionId, userId, issued.secretHash],
    )
    return issued.cookie
  }

  it('guards every console route: no header 403, no cookie 401, agent or volunteer 403, another structure 404', async () => {
    await start()
    const other = await signedInStructure(server, 'France Services Privas')
    const agent = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Awa Diallo', role: 'agent' } })
    const volunteer = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Paul', role: 'volunteer' } })
    const agentCookie = await sessionFor(home.structureId, agent.json<{ userId: string }>().userId)
    const volunteerCookie = await sessionFor(home.structureId, volunteer.json<{ userId: string }>().userId)
    const s = home.structureId
    const period = 'from=2026-01-01&to=2026-12-31'
    const routes: Array<{ method: 'GET' | 'POST' | 'PUT'; url: string; body?: unknown; scoped: boolean }> = [
      { method: 'GET', url: '/api/console/session', scoped: false },
      { method: 'POST', url: '/api/console/sign-out', scoped: false },
      { method: 'POST', url: '/api/console/password', body: { current: PASSWORD, next: 'un-autre-mot-de-passe' }, scoped: false },
      { method: 'GET', url: `/api/console/structures/${s}/people`, scoped: true },
      { method: 'POST', url: `/api/console/structures/${s}/people`, body: { name: 'Zoé', role: 'agent' }, scoped: true },
      { method: 'POST', url: `/api/console/structures/${s}/people/${home.coordinatorId}/code`, scoped: true },
      { method: 'POST', url: `/api/console/structures/${s}/people/${home.coordinatorId}/deactivate`, scoped: true },
      { method: 'POST', url: `/api/console/structures/${s}/people/${home.coordinatorId}/reactivate`, scoped: true },
      { method: 'POST', url: `/api/console/structures/${s}/devices/D1/revoke`, scoped: true },
      { method: 'GET', url: `/api/console/structures/${s}/settings`, scoped: true },
      { method: 'PUT', url: `/api/console/structures/${s}/settings`, body: { name: 'X', structureType: null, commune: null, communePostcode: null, retentionMonths: 6 }, scoped: true },
      { method: 'GET', url: `/api/console/structures/${s}/report?${period}`, scoped: true },
      { method: 'GET', url: `/api/console/structures/${s}/export/xlsx?${period}`, scoped: true },
      { method: 'GET', url: `/api/console/structures/${s}/export/csv?${period}`, scoped: true },
      { method: 'GET', url: `/api/console/structures/${s}/export/json?${period}`, scoped: true },
      { method: 'GET', url: `/api/console/structures/${s}/audit`, scoped: true },
    ]
    const auditBefore = await server.db.query('SELECT count(*)::int AS n FROM audit_events WHERE structure_id = $1', [s])
    for (const route of routes) {
      const label = `${route.method} ${route.url}`
      const noHeader = await call(server, route.method, route.url, { cookie: home.cookie, body: route.body, header: false })
      expect(noHeader.statusCode, label).toBe(403)
      expect(noHeader.json(), label).toMatchObject({ error: 'console_header_missing', message: expect.any(String) })
      const noCookie = await call(server, route.method, route.url, { body: route.body })
      expect(noCookie.statusCode, label).toBe(401)
      expect(noCookie.json(), label).toMatchObject({ error: 'signed_out' })
      for (const cookie of [agentCookie, volunteerCookie]) {
        const forbidden = await call(server, route.method, route.url, { cookie, body: route.body })
        expect(forbidden.statusCode, label).toBe(403)
        expect(forbidden.json(), label).toMatchObject({ error: 'forbidden' })
      }
      if (route.scoped) {
        const foreign = await call(server, route.method, route.url, { cookie: other.cookie, body: route.body })
        expect(foreign.statusCode, label).toBe(404)
        // Nothing of the structure in the answer: the same body as an unknown address.
        expect(foreign.json(), label).toEqual({ error: 'not_found', message: expect.any(String) })
        expect(foreign.body).not.toContain('Aubenas')
      }
    }
    // None of the refused calls did anything.
    const auditAfter = await server.db.query('SELECT count(*)::int AS n FROM audit_events WHERE structure_id = $1', [s])
    expect(auditAfter.rows).toEqual(auditBefore.rows)
    const settings = await server.db.query<{ retention_months: number }>('SELECT retention_months FROM structures WHERE id = $1', [s])
    expect(settings.rows[0]!.retention_months).toBe(24)
    // Another structure's device or person by id: 404 as well, even on one's own path.
    const foreignDevice = await call(server, 'POST', `/api/console/structures/${other.structureId}/people/${home.coordinatorId}/code`, { cookie: other.cookie })
    expect(foreignDevice.statusCode).toBe(404)
  })

  it('locks sign-in after N wrong passwords with « trop d’essais », and unlocks after the delay', async () => {
    await start({ signInGuard: undefined })
    const wrong = () => call(server, 'POST', '/api/console/sign-in', { body: { email: home.email, password: 'pas-le-bon-mot-de-passe' } })
    for (let i = 1; i < 5; i++) {
      const response = await wrong()
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ error: 'wrong_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' })
    }
    const fifth = await wrong()
    expect(fifth.statusCode).toBe(429)
    expect(fifth.json()).toMatchObject({ error: 'too_many_attempts', message: 'Trop d’essais, réessayez dans 15 minutes.' })
    expect(fifth.headers['retry-after']).toBe('900')
    // Locked: even the right password is refused, and the message counts down.
    server.clock.now += 6 * 60 * 1000
    const right = () => call(server, 'POST', '/api/console/sign-in', { body: { email: home.email.toUpperCase(), password: PASSWORD } })
    const stillLocked = await right()
    expect(stillLocked.statusCode).toBe(429)
    expect(stillLocked.json<{ message: string }>().message).toBe('Trop d’essais, réessayez dans 9 minutes.')
    server.clock.now += 9 * 60 * 1000 + 1
    const unlocked = await right()
    expect(unlocked.statusCode, unlocked.body).toBe(200)
    const session = await call(server, 'GET', '/api/console/session', { cookie: cookieOf(unlocked) })
    expect(session.json()).toMatchObject({ user: { id: home.coordinatorId }, structure: { id: home.structureId } })
  })

  it('locks per address too, across accounts', async () => {
    await start({ signInGuard: new SignInGuard({ maxFailures: 3, now: () => server.clock.now }) })
    for (let i = 0; i < 2; i++) {
      const response = await call(server, 'POST', '/api/console/sign-in', { body: { email: `nobody${i}@example.org`, password: 'whatever-it-is' } })
      expect(response.statusCode).toBe(401)
    }
    const third = await call(server, 'POST', '/api/console/sign-in', { body: { email: 'nobody9@example.org', password: 'whatever-it-is' } })
    expect(third.statusCode).toBe(429)
    const mine = await call(server, 'POST', '/api/console/sign-in', { body: { email: home.email, password: PASSWORD } })
    expect(mine.statusCode).toBe(429)
  })

  it('stores only an Argon2id hash and never logs a password, a code or a session secret', async () => {
    server = await startConsoleServer(database)
    const { createStructure } = await import('../../server/src/services/admin.ts')
    const created = await createStructure(server.db, { name: 'Espace numérique Privas', coordinatorEmail: 'marie@example.org' })
    const activated = await call(server, 'POST', '/api/console/activate', { body: { code: created.code, email: 'marie@example.org', password: PASSWORD } })
    expect(activated.statusCode, activated.body).toBe(200)
    const cookie = cookieOf(activated)
    const setCookie = String(activated.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Path=\/api\/console/)
    expect(setCookie).toMatch(/Expires=/)
    expect(setCookie).not.toMatch(/Secure/)
    await call(server, 'POST', '/api/console/sign-in', { body: { email: 'marie@example.org', password: 'mauvais-mot-de-passe-123' } })
    const newPassword = 'une-phrase-de-passe-neuve'
    const changed = await call(server, 'POST', '/api/console/password', { cookie, body: { current: PASSWORD, next: newPassword } })
    expect(changed.statusCode, changed.body).toBe(200)
    const stored = await server.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE structure_id = $1 AND id = $2', [created.structureId, created.userId])
    expect(stored.rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/)
    const everything = JSON.stringify(await server.db.query('SELECT * FROM users')) + JSON.stringify(await server.db.query('SELECT * FROM audit_events')) + JSON.stringify(await server.db.query('SELECT * FROM console_sessions'))
    const secret = cookie.split('.')[2]!
    for (const text of [everything, server.logs.join('\n')]) {
      expect(text).not.toContain(PASSWORD)
      expect(text).not.toContain(newPassword)
      expect(text).not.toContain('mauvais-mot-de-passe-123')
      expect(text).not.toContain(created.code)
      expect(text).not.toContain(created.code.replace(/-/g, ''))
      expect(text).not.toContain(secret)
    }
    // The cookie is Secure behind HTTPS.
    await server.app.close()
    const { buildApp } = await import('../../server/src/app.ts')
    server.app = await buildApp({ db: server.db, httpsOnly: true, logLevel: 'silent' })
    const secure = await call(server, 'POST', '/api/console/sign-in', { body: { email: 'marie@example.org', password: newPassword } })
    expect(secure.statusCode, secure.body).toBe(200)
    expect(String(secure.headers['set-cookie'])).toMatch(/Secure/)
  })

  it('refuses a wrong, used or agent code and a short password at the first visit, and ends sessions on sign-out', async () => {
    await start()
    const bad = await call(server, 'POST', '/api/console/activate', { body: { code: 'AAAA-BBBB-CCCC', email: 'x@example.org', password: PASSWORD } })
    expect(bad.statusCode).toBe(401)
    expect(bad.json()).toMatchObject({ error: 'invalid_code' })
    const added = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Awa', role: 'agent' } })
    const agentCode = added.json<{ code: string }>().code
    const agentTry = await call(server, 'POST', '/api/console/activate', { body: { code: agentCode, email: 'awa@example.org', password: PASSWORD } })
    expect(agentTry.statusCode).toBe(403)
    expect(agentTry.json()).toMatchObject({ error: 'not_coordinator' })
    const coordinator = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Lina', role: 'coordinator', email: 'Lina@Example.org' } })
    expect(coordinator.statusCode, coordinator.body).toBe(200)
    const code = coordinator.json<{ code: string }>().code
    const short = await call(server, 'POST', '/api/console/activate', { body: { code, email: 'lina@example.org', password: 'court' } })
    expect(short.statusCode).toBe(400)
    expect(short.json()).toMatchObject({ error: 'password_too_short' })
    const lina = await call(server, 'POST', '/api/console/activate', { body: { code, email: 'lina@example.org', password: PASSWORD } })
    expect(lina.statusCode, lina.body).toBe(200)
    const again = await call(server, 'POST', '/api/console/activate', { body: { code, email: 'lina@example.org', password: PASSWORD } })
    expect(again.statusCode).toBe(410)
    const linaCookie = cookieOf(lina)
    expect((await call(server, 'POST', '/api/console/sign-out', { cookie: linaCookie })).statusCode).toBe(200)
    expect((await call(server, 'GET', '/api/console/session', { cookie: linaCookie })).statusCode).toBe(401)
    // An expired session is signed out too.
    server.clock.now += 8 * 60 * 60 * 1000 + 1
    expect((await call(server, 'GET', '/api/console/session', { cookie: home.cookie })).statusCode).toBe(401)
  })

  it('resets a coordinator’s access with a new code: the old password and sessions stop working', async () => {
    await start()
    const added = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Lina', role: 'coordinator', email: 'lina@example.org' } })
    const { userId, code } = added.json<{ userId: string; code: string }>()
    const lina = cookieOf(await call(server, 'POST', '/api/console/activate', { body: { code, email: 'lina@example.org', password: PASSWORD } }))
    const reset = await call(server, 'POST', `/api/console/structures/${home.structureId}/people/${userId}/code`, { cookie: home.cookie })
    expect(reset.statusCode).toBe(200)
    const fresh = reset.json<{ code: string; expiresAt: string }>()
    expect(fresh.expiresAt).toBe(new Date(server.clock.now + 48 * 3600 * 1000).toISOString())
    const renewed = await call(server, 'POST', '/api/console/activate', { body: { code: fresh.code, email: 'lina@example.org', password: 'nouveau-mot-de-passe-lina' } })
    expect(renewed.statusCode, renewed.body).toBe(200)
    expect((await call(server, 'GET', '/api/console/session', { cookie: lina })).statusCode).toBe(401)
    expect((await call(server, 'POST', '/api/console/sign-in', { body: { email: 'lina@example.org', password: PASSWORD } })).statusCode).toBe(401)
  })

  it('lists people with devices, last sync and records of the last 30 days; revokes a device; deactivates a person', async () => {
    await start()
    const added = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Awa Diallo', role: 'agent' } })
    expect(added.json()).toMatchObject({ role: 'agent', displayName: 'Awa Diallo', code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/), expiresAt: expect.any(String) })
    const { userId, code } = added.json<{ userId: string; code: string }>()
    const tablet = new SimDevice(injectTransport(server.app), 'Tablette accueil')
    await tablet.enrol(code)
    tablet.put('accompaniments', accompaniment({ date: '2026-11-19' }))
    tablet.put('accompaniments', accompaniment({ date: '2026-11-19' }))
    await tablet.pushAll()
    const people = await call(server, 'GET', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie })
    const awa = people.json<{ people: Array<Record<string, unknown>> }>().people.find((p) => p.userId === userId)
    expect(awa).toMatchObject({
      displayName: 'Awa Diallo',
      role: 'agent',
      active: true,
      recordsLast30Days: 2,
      devices: [{ deviceId: tablet.deviceId, name: 'Tablette accueil', lastSyncAt: expect.any(String), revokedAt: null }],
    })
    const revoked = await call(server, 'POST', `/api/console/structures/${home.structureId}/devices/${tablet.deviceId}/revoke`, { cookie: home.cookie })
    expect(revoked.statusCode).toBe(200)
    tablet.put('accompaniments', accompaniment({ date: '2026-11-20' }))
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${tablet.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ schemaVersion: 1, mutations: tablet.outbox }),
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error: 'device_revoked' })

    // Deactivation: a fresh code stops working, new codes are refused, the records stay.
    const second = await call(server, 'POST', `/api/console/structures/${home.structureId}/people/${userId}/code`, { cookie: home.cookie })
    const secondCode = second.json<{ code: string }>().code
    expect((await call(server, 'POST', `/api/console/structures/${home.structureId}/people/${userId}/deactivate`, { cookie: home.cookie })).statusCode).toBe(200)
    const late = await server.app.inject({ method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ code: secondCode, deviceName: 'x', nextMutationId: 1 }) })
    expect(late.statusCode).toBe(410)
    expect((await call(server, 'POST', `/api/console/structures/${home.structureId}/people/${userId}/code`, { cookie: home.cookie })).statusCode).toBe(409)
    const self = await call(server, 'POST', `/api/console/structures/${home.structureId}/people/${home.coordinatorId}/deactivate`, { cookie: home.cookie })
    expect(self.statusCode).toBe(409)
    const after = await call(server, 'GET', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie })
    expect(after.json<{ people: Array<Record<string, unknown>> }>().people.find((p) => p.userId === userId)).toMatchObject({ active: false, recordsLast30Days: 2 })
  })

  it('saves the structure settings, sends the retention to devices, and audits every action without secrets', async () => {
    await start()
    const added = await call(server, 'POST', `/api/console/structures/${home.structureId}/people`, { cookie: home.cookie, body: { name: 'Awa', role: 'agent' } })
    const tablet = new SimDevice(injectTransport(server.app))
    await tablet.enrol(added.json<{ code: string }>().code)
    const invalid = await call(server, 'PUT', `/api/console/structures/${home.structureId}/settings`, { cookie: home.cookie, body: { name: '', structureType: null, commune: null, communePostcode: '123', retentionMonths: 0 } })
    expect(invalid.statusCode).toBe(400)
    const body = { name: 'Médiathèque Jean-Ferrat', structureType: 'Bibliothèque / Médiathèque', commune: 'Aubenas', communePostcode: '07200', retentionMonths: 12 }
    const saved = await call(server, 'PUT', `/api/console/structures/${home.structureId}/settings`, { cookie: home.cookie, body })
    expect(saved.statusCode, saved.body).toBe(200)
    expect((await call(server, 'GET', `/api/console/structures/${home.structureId}/settings`, { cookie: home.cookie })).json()).toEqual(body)
    const settings = await server.app.inject({ method: 'GET', url: '/api/sync/settings', headers: { authorization: `Bearer ${tablet.token}` } })
    expect(settings.json()).toMatchObject({ structure: { name: 'Médiathèque Jean-Ferrat', retentionMonths: 12 } })
    await call(server, 'GET', `/api/console/structures/${home.structureId}/export/csv?from=2026-01-01&to=2026-12-31`, { cookie: home.cookie })
    const audit = await call(server, 'GET', `/api/console/structures/${home.structureId}/audit`, { cookie: home.cookie })
    const lines = audit.json<{ lines: Array<{ action: string; actorName: string; details: Record<string, unknown> }> }>().lines
    expect(lines.map((l) => l.action)).toEqual(['export_made', 'settings_changed', 'code_issued', 'person_added', 'signed_in', 'password_set'])
    expect(lines[0]).toMatchObject({ actorName: home.email, details: { format: 'csv', from: '2026-01-01', to: '2026-12-31' } })
    expect(lines[1]!.details).toEqual({ changed: body })
    expect(JSON.stringify(lines)).not.toContain(added.json<{ code: string }>().code)
  })
})
