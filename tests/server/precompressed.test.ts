// Build-time compression end to end: the build's own precompressDir() writes the .br and .gz twins
// of a small static folder, and the server must send the twin the request accepts — its exact
// bytes (never compressed again), its length and ETag, the original's type and cache policy —
// and compress on the fly only what has no twin.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/src/app.ts'
import type { Database } from '../../server/src/db/database.ts'
import { precompressDir } from '../../scripts/vite-plugin-precompress.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { createStaticFixture, HASHED_ASSET_PATH, INDEX_HTML, LARGE_ASSET } from './helpers/static-fixture.ts'

const CHROMIUM = 'gzip, deflate, br, zstd'
const IMMUTABLE = 'public, max-age=31536000, immutable'
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
/** A text asset added after the build's compression ran: it has no twin. */
const UNTWINNED_PATH = '/assets/late-Qx81.js'
const PNG_PATH = '/icons/icon.png'

const target = databaseTargets.find((t) => t.kind === 'pglite')
if (!target) throw new Error('no PGlite target')

describe('precompressed static files', () => {
  let database: TestDatabase
  let db: Database
  let staticDir: string
  const apps: FastifyInstance[] = []

  async function app(): Promise<FastifyInstance> {
    const instance = await buildApp({ db, staticDir, logLevel: 'silent' })
    apps.push(instance)
    return instance
  }
  const get = async (url: string, acceptEncoding?: string, extra: Record<string, string> = {}) =>
    (await app()).inject({ method: 'GET', url, headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...extra } })
  const twin = (path: string, extension: '.br' | '.gz') => readFile(join(staticDir, path + extension))

  beforeAll(async () => {
    database = await target.create()
    db = (await database.open()).db
    staticDir = await createStaticFixture()
    // The fixture's own files are a few bytes, too small to shrink: give them a real size.
    const precache = Array.from({ length: 60 }, (_, i) => `{url:"assets/chunk-${i}.js",revision:null}`).join(',')
    await writeFile(join(staticDir, 'sw.js'), `self.addEventListener("install",()=>self.skipWaiting());precache([${precache}]);\n`)
    const icons = [192, 512].map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png' }))
    await writeFile(join(staticDir, 'manifest.webmanifest'), JSON.stringify({ name: 'Tandem', short_name: 'Tandem', start_url: '/', scope: '/', display: 'standalone', icons }))
    const dots = Array.from({ length: 40 }, (_, i) => `<circle cx="${i}" cy="${i}" r="2" fill="#1d4f91"/>`).join('')
    await writeFile(join(staticDir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${dots}</svg>`)
    await mkdir(join(staticDir, 'icons'))
    await writeFile(join(staticDir, PNG_PATH), Buffer.from([0x89, 0x50, 0x4e, 0x47, ...Array<number>(2048).fill(0)]))
    await precompressDir(staticDir)
    await writeFile(join(staticDir, UNTWINNED_PATH), LARGE_ASSET)
  })
  afterAll(async () => {
    await database.destroy()
    await rm(staticDir, { recursive: true, force: true })
  })
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((instance) => instance.close()))
  })

  describe('the build', () => {
    it('writes a brotli and a gzip twin beside text files, each smaller and decoding to the file', async () => {
      const [br, gz] = await Promise.all([twin(HASHED_ASSET_PATH, '.br'), twin(HASHED_ASSET_PATH, '.gz')])
      expect(brotliDecompressSync(br).toString()).toBe(LARGE_ASSET)
      expect(gunzipSync(gz).toString()).toBe(LARGE_ASSET)
      expect(br.length).toBeLessThan(gz.length)
      expect(gz.length).toBeLessThan(LARGE_ASSET.length)
      await expect(twin('/index.html', '.br')).resolves.toBeInstanceOf(Buffer)
      await expect(twin('/manifest.webmanifest', '.br')).resolves.toBeInstanceOf(Buffer)
    })

    it('leaves images alone, and writes no twin that would not be smaller', async () => {
      const results = await precompressDir(staticDir)
      expect(results.map((r) => r.file)).not.toContain(join('icons', 'icon.png'))
      await writeFile(join(staticDir, 'tiny.txt'), 'a')
      const tiny = (await precompressDir(staticDir)).find((r) => r.file === 'tiny.txt')
      expect(tiny).toEqual({ file: 'tiny.txt', raw: 1, br: undefined, gzip: undefined })
      await expect(readFile(join(staticDir, 'tiny.txt.br'))).rejects.toThrow()
      await rm(join(staticDir, 'tiny.txt'))
    })
  })

  describe('choosing the twin', () => {
    it("sends the brotli twin, as is, to Chromium's Accept-Encoding", async () => {
      const response = await get(HASHED_ASSET_PATH, CHROMIUM)
      const br = await twin(HASHED_ASSET_PATH, '.br')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBe('br')
      // Byte for byte the build's file: compressed once, at build time, never again.
      expect(response.rawPayload.equals(br)).toBe(true)
      expect(response.headers['content-length']).toBe(String(br.length))
      expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8')
      expect(response.headers['cache-control']).toBe(IMMUTABLE)
      expect(response.headers.vary).toMatch(/accept-encoding/i)
    })

    it('sends the gzip twin to a client that takes gzip only', async () => {
      const response = await get(HASHED_ASSET_PATH, 'gzip')
      const gz = await twin(HASHED_ASSET_PATH, '.gz')
      expect(response.headers['content-encoding']).toBe('gzip')
      expect(response.rawPayload.equals(gz)).toBe(true)
      expect(response.headers['content-length']).toBe(String(gz.length))
      expect(response.headers['cache-control']).toBe(IMMUTABLE)
    })

    it.each([
      ['br;q=0.5, gzip;q=0.9', 'gzip'],
      ['gzip;q=0.9, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['BR, GZIP', 'br'],
      ['gzip;q=0.8, br;q=0.8', 'br'],
      ['deflate, gzip;q=0.1', 'gzip'],
    ])('weighs q-values: %s → %s', async (header, expected) => {
      const response = await get(HASHED_ASSET_PATH, header)
      expect(response.headers['content-encoding']).toBe(expected)
    })

    it.each([['identity'], ['gzip;q=0, br;q=0'], ['deflate'], [undefined]])(
      'sends the file itself, uncompressed, for Accept-Encoding %s',
      async (header) => {
        const response = await get(HASHED_ASSET_PATH, header)
        expect(response.statusCode).toBe(200)
        expect(response.headers['content-encoding']).toBeUndefined()
        expect(response.body).toBe(LARGE_ASSET)
        expect(response.headers['content-length']).toBe(String(Buffer.byteLength(LARGE_ASSET)))
        // The same URL answers differently by Accept-Encoding, so caches must know.
        expect(response.headers.vary).toMatch(/accept-encoding/i)
      },
    )

    it('gives each variant its own ETag, and revalidates each against its own', async () => {
      const [br, gz, raw] = await Promise.all([get(HASHED_ASSET_PATH, 'br'), get(HASHED_ASSET_PATH, 'gzip'), get(HASHED_ASSET_PATH)])
      const tags = [br, gz, raw].map((r) => r.headers.etag)
      expect(new Set(tags).size).toBe(3)
      const again = await get(HASHED_ASSET_PATH, 'br', { 'if-none-match': String(br.headers.etag) })
      expect(again.statusCode).toBe(304)
      // A cached uncompressed copy does not validate the brotli variant.
      const other = await get(HASHED_ASSET_PATH, 'br', { 'if-none-match': String(raw.headers.etag) })
      expect(other.statusCode).toBe(200)
      expect(other.headers['content-encoding']).toBe('br')
    })

    it('answers HEAD with the length of the twin it would send', async () => {
      const response = await (await app()).inject({ method: 'HEAD', url: HASHED_ASSET_PATH, headers: { 'accept-encoding': CHROMIUM } })
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.headers['content-length']).toBe(String((await twin(HASHED_ASSET_PATH, '.br')).length))
      expect(response.body).toBe('')
    })
  })

  describe('the app shell and the files that keep their name', () => {
    it.each(['/', '/index.html'])('sends index.html precompressed for %s, to be revalidated', async (url) => {
      const response = await get(url, CHROMIUM, { accept: HTML })
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(INDEX_HTML)
    })

    it('sends the precompressed shell for a client-side route, varying on Accept and Accept-Encoding', async () => {
      const response = await get('/scenarios/creer-adresse-mail', CHROMIUM, { accept: HTML })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(response.headers.vary).toMatch(/\baccept\b/i)
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(INDEX_HTML)
    })

    it.each([
      ['/sw.js', /javascript/],
      ['/manifest.webmanifest', /^application\/manifest\+json/],
      ['/favicon.svg', /^image\/svg\+xml/],
    ])('keeps the type and the no-cache policy of %s on its twin', async (url, type) => {
      const response = await get(url, CHROMIUM)
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.rawPayload.equals(await twin(url, '.br'))).toBe(true)
      expect(response.headers['content-type']).toMatch(type)
      expect(response.headers['cache-control']).toBe('no-cache')
    })
  })

  describe('on-the-fly compression, for what has no twin', () => {
    it('compresses a text file the build did not precompress', async () => {
      const response = await get(UNTWINNED_PATH, CHROMIUM)
      expect(response.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(LARGE_ASSET)
    })

    it('compresses a large API answer', async () => {
      const instance = await app()
      const rows = Array.from({ length: 500 }, (_, i) => ({ id: i, label: `row ${i}` }))
      instance.get('/api/test-large', () => ({ rows }))
      const response = await instance.inject({ method: 'GET', url: '/api/test-large', headers: { 'accept-encoding': CHROMIUM } })
      expect(response.headers['content-encoding']).toBe('br')
      expect(JSON.parse(brotliDecompressSync(response.rawPayload).toString())).toEqual({ rows })
    })

    it('does not compress an image', async () => {
      const response = await get(PNG_PATH, CHROMIUM)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBeUndefined()
    })
  })
})
