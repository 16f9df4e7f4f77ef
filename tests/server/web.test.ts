// Serving the built PWA: cache headers, the SPA fallback, API 404s, security headers,
// compression, and errors. A tiny static folder made here stands in for vite's dist/.
import { rm } from 'node:fs/promises'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp, type AppOptions } from '../../server/src/app.ts'
import type { Database } from '../../server/src/db/database.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { createStaticFixture, HASHED_ASSET_PATH, INDEX_HTML, LARGE_ASSET } from './helpers/static-fixture.ts'

const CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;" +
  "font-src 'self';connect-src 'self';worker-src 'self';manifest-src 'self';media-src 'self' blob:;" +
  "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'"
const IMMUTABLE = 'public, max-age=31536000, immutable'
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe.each(databaseTargets)('the web app on $kind', (target) => {
  let database: TestDatabase
  let db: Database
  let staticDir: string
  let withoutIndex: string
  const apps: FastifyInstance[] = []
  let logs: Array<Record<string, unknown>>

  async function app(options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
    const instance = await buildApp({
      db,
      staticDir,
      logStream: { write: (line) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
      ...options,
    })
    apps.push(instance)
    return instance
  }

  beforeAll(async () => {
    database = await target.create()
    db = (await database.open()).db
    staticDir = await createStaticFixture()
    withoutIndex = await createStaticFixture({ withIndex: false })
  })
  afterAll(async () => {
    await database.destroy()
    await rm(staticDir, { recursive: true, force: true })
    await rm(withoutIndex, { recursive: true, force: true })
  })
  beforeEach(() => {
    logs = []
  })
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((instance) => instance.close()))
  })

  describe('cache headers', () => {
    it('lets browsers keep a hashed asset for a year', async () => {
      const response = await (await app()).inject({ method: 'GET', url: HASHED_ASSET_PATH })
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe(IMMUTABLE)
      expect(response.headers['content-type']).toMatch(/javascript/)
      expect(response.body).toBe(LARGE_ASSET)
    })

    it.each(['/', '/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest', '/favicon.svg'])(
      'makes browsers revalidate %s, which keeps its name across releases',
      async (url) => {
        const response = await (await app()).inject({ method: 'GET', url })
        expect(response.statusCode).toBe(200)
        expect(response.headers['cache-control']).toBe('no-cache')
      },
    )

    it('serves the manifest with its media type', async () => {
      const response = await (await app()).inject({ method: 'GET', url: '/manifest.webmanifest' })
      expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/)
    })

    it('answers a revalidation of an unchanged index.html with 304', async () => {
      const server = await app()
      const first = await server.inject({ method: 'GET', url: '/', headers: { accept: HTML } })
      const etag = first.headers.etag
      expect(typeof etag).toBe('string')
      const second = await server.inject({
        method: 'GET',
        url: '/',
        headers: { accept: HTML, 'if-none-match': String(etag) },
      })
      expect(second.statusCode).toBe(304)
    })
  })

  describe('the single-page-app fallback', () => {
    it('answers a page navigation to a client-side route with index.html', async () => {
      const response = await (await app()).inject({ method: 'GET', url: '/some/route', headers: { accept: HTML } })
      expect(response.statusCode).toBe(200)
      expect(response.body).toBe(INDEX_HTML)
      expect(response.headers['content-type']).toMatch(/^text\/html/)
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(response.headers.vary).toMatch(/accept/i)
    })

    it('keeps a query string on a client-side route', async () => {
      const response = await (await app()).inject({ method: 'GET', url: '/scenarios?q=ameli', headers: { accept: HTML } })
      expect(response.body).toBe(INDEX_HTML)
    })

    it('answers 404 to a request that does not accept HTML', async () => {
      const response = await (await app()).inject({
        method: 'GET',
        url: '/some/route',
        headers: { accept: 'application/json' },
      })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ error: 'not_found' })
    })

    it('never answers a missing hashed asset with HTML', async () => {
      const response = await (await app()).inject({ method: 'GET', url: '/assets/index-gone.js', headers: { accept: HTML } })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ error: 'not_found' })
    })

    it('does not answer a POST with the app', async () => {
      const response = await (await app()).inject({ method: 'POST', url: '/some/route', headers: { accept: HTML } })
      expect(response.statusCode).toBe(404)
    })
  })

  describe('unknown API routes', () => {
    it.each([
      ['GET', '/api/x'],
      ['GET', '/api'],
      ['GET', '/api/sync/unknown?cursor=3'],
      ['POST', '/api/x'],
      ['DELETE', '/api/health/x'],
    ] as const)('%s %s answers a JSON 404, never the app', async (method, url) => {
      const response = await (await app()).inject({ method, url, headers: { accept: HTML } })
      expect(response.statusCode).toBe(404)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      expect(response.json()).toEqual({ error: 'not_found' })
    })
  })

  describe('security headers', () => {
    it('sends the CSP the app needs, without upgrade-insecure-requests on plain http', async () => {
      const response = await (await app()).inject({ method: 'GET', url: '/', headers: { accept: HTML } })
      expect(response.headers['content-security-policy']).toBe(CSP)
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
      expect(response.headers['strict-transport-security']).toBeUndefined()
      expect(response.headers['x-frame-options']).toBe('DENY')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
    })

    it('sends the CSP on API answers and 404s too', async () => {
      const server = await app()
      for (const url of ['/api/health', '/api/x']) {
        const response = await server.inject({ method: 'GET', url })
        expect(response.headers['content-security-policy']).toBe(CSP)
      }
    })

    it('adds upgrade-insecure-requests and HSTS for an HTTPS deployment', async () => {
      const response = await (await app({ httpsOnly: true })).inject({ method: 'GET', url: '/' })
      expect(response.headers['content-security-policy']).toBe(`${CSP};upgrade-insecure-requests`)
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000')
    })
  })

  describe('compression', () => {
    it('gzips a large asset', async () => {
      const response = await (await app()).inject({
        method: 'GET',
        url: HASHED_ASSET_PATH,
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(response.headers['content-encoding']).toBe('gzip')
      expect(response.rawPayload.length).toBeLessThan(LARGE_ASSET.length / 4)
      expect(gunzipSync(response.rawPayload).toString()).toBe(LARGE_ASSET)
      expect(response.headers['cache-control']).toBe(IMMUTABLE)
    })

    it('prefers brotli when the browser offers it', async () => {
      const response = await (await app()).inject({
        method: 'GET',
        url: HASHED_ASSET_PATH,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      })
      expect(response.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(LARGE_ASSET)
    })

    it('leaves a tiny answer uncompressed', async () => {
      const response = await (await app()).inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(response.headers['content-encoding']).toBeUndefined()
    })
  })

  describe('without a built app', () => {
    it('still serves the API, answers 404 elsewhere, and warns', async () => {
      const server = await app({ staticDir: withoutIndex })
      expect((await server.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
      for (const url of ['/', '/some/route', HASHED_ASSET_PATH, '/sw.js']) {
        const response = await server.inject({ method: 'GET', url, headers: { accept: HTML } })
        expect(response.statusCode).toBe(404)
        expect(response.json()).toEqual({ error: 'not_found' })
      }
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 40, msg: expect.stringMatching(/^No index.html in .*serving the API only/) }),
      )
    })

    it('runs API only when no static folder is given', async () => {
      const server = await app({ staticDir: undefined })
      expect((await server.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
      expect((await server.inject({ method: 'GET', url: '/', headers: { accept: HTML } })).statusCode).toBe(404)
    })
  })

  describe('errors', () => {
    it('hides the details of a server error from the client and logs them', async () => {
      const server = await app()
      server.get('/api/test/explode', async () => {
        throw new Error('relation "secret_table" does not exist')
      })
      const response = await server.inject({ method: 'GET', url: '/api/test/explode' })
      expect(response.statusCode).toBe(500)
      expect(response.json()).toEqual({ error: 'internal_server_error' })
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 50, err: expect.objectContaining({ message: 'relation "secret_table" does not exist' }) }),
      )
    })

    it('explains a client error with a stable name', async () => {
      const server = await app()
      server.post('/api/test/echo', async (request) => request.body)
      const response = await server.inject({
        method: 'POST',
        url: '/api/test/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{"broken":',
      })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ error: 'bad_request', message: expect.any(String) })
    })
  })
})
