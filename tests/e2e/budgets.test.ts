// Size budgets on the production build, counted as the bytes that travel: the JavaScript the home
// route loads (brotli, as the server sends it), and what the service worker downloads to precache.
// Also: the HTML names every file of the first render (no request chain before it).
// TEST_STATIC_DIR points these at another build than dist/ (see tests/support/start-server.ts).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser, newAppContext, waitForOfflineReady } from '../support/e2e'
import { DEFAULT_STATIC_DIR } from '../support/start-server'

const HOME_JS_BUDGET = 65 * 1024
const PRECACHE_BUDGET = 1.5 * 1024 * 1024
const DIST = DEFAULT_STATIC_DIR

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
/** Size of a build file's twin (.br or .gz) when the build wrote one. */
function twinSize(file: string, extension: '.br' | '.gz'): number | undefined {
  return existsSync(file + extension) ? statSync(file + extension).size : undefined
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

it(`loads at most ${HOME_JS_BUDGET / 1024} KB of JavaScript on the home route, counted as the brotli bytes sent`, async () => {
  const context = await newAppContext(browser)
  const page = await context.newPage()
  const scripts: Array<Promise<{ path: string; encoding: string | undefined; sent: number; fromServiceWorker: boolean }>> = []
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(response.url())) return
    scripts.push(
      (async () => ({
        path: new URL(response.url()).pathname,
        encoding: (await response.allHeaders())['content-encoding'],
        sent: (await response.request().sizes()).responseBodySize,
        fromServiceWorker: response.fromServiceWorker(),
      }))(),
    )
  })
  await page.goto('/')
  await page.locator('#main h1').waitFor()
  await waitForOfflineReady(page)
  // Anything the home screen loads lazily after the first paint counts too.
  await page.waitForTimeout(1500)
  // The service worker's own script and its workbox runtime are not the page's.
  const pageScripts = (await Promise.all(scripts)).filter(({ path }) => !/^\/(sw|workbox-[^/]+)\.js$/.test(path))
  let brotli = 0
  let gzip = 0
  let raw = 0
  const lines: string[] = []
  for (const script of pageScripts) {
    const file = join(DIST, script.path)
    const br = twinSize(file, '.br')
    const rawSize = statSync(file).size
    const gz = twinSize(file, '.gz') ?? gzipSync(readFileSync(file), { level: 9 }).length
    if (!script.fromServiceWorker) {
      // What the server sent is the build's brotli twin, byte for byte.
      expect(script.encoding, `${script.path} sent as brotli`).toBe('br')
      expect(script.sent, `${script.path}: bytes sent = its .br file`).toBe(br)
    }
    const sent = br ?? rawSize
    brotli += sent
    gzip += gz
    raw += rawSize
    lines.push(`  ${script.path}: ${kB(sent)} brotli, ${kB(gz)} gzip, ${kB(rawSize)} raw`)
  }
  console.log(
    `Home route JavaScript: ${kB(brotli)} brotli (sent), ${kB(gzip)} gzip, ${kB(raw)} raw, in ${pageScripts.length} files\n${lines.join('\n')}`,
  )
  expect(pageScripts.length).toBeGreaterThan(0)
  expect(brotli).toBeLessThanOrEqual(HOME_JS_BUDGET)
  await context.close()
})

it("names every script and style of the home route in the HTML, so none waits for another", () => {
  type Chunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>
  const entry = manifest['index.html']
  expect(entry?.isEntry).toBe(true)
  // The entry and everything it imports statically, with their styles: what the first render needs.
  const files = new Set<string>()
  const visit = (chunk: Chunk) => {
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const key of chunk.imports ?? []) visit(manifest[key] as Chunk)
  }
  visit(entry as Chunk)
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  const named = new Set([...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]))
  expect([...files].filter((file) => !named.has(file))).toEqual([])
  expect(files.size).toBeGreaterThan(1)
})

it('precaches at most 1.5 MB as downloaded (brotli twins), including the app shell, locales and every scenario', () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8')
  const urls = [...sw.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] as string)
  let downloaded = 0
  let raw = 0
  let compressed = 0
  for (const url of urls) {
    const file = join(DIST, url)
    const size = statSync(file).size
    const br = twinSize(file, '.br')
    if (br !== undefined) compressed++
    downloaded += br ?? size
    raw += size
  }
  console.log(`Precache: ${kB(downloaded)} downloaded (${compressed} of ${urls.length} files as brotli), ${kB(raw)} raw`)
  expect(urls).toContain('index.html')
  expect(urls.some((u) => /^assets\/ar-.*\.js$/.test(u)), 'Arabic messages precached').toBe(true)
  expect(downloaded).toBeLessThanOrEqual(PRECACHE_BUDGET)
})
