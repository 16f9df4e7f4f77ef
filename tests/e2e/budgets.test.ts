// Size budgets on the production build: JavaScript the home route loads, and the precache.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser, newAppContext, waitForOfflineReady } from '../support/e2e'

const HOME_JS_BUDGET = 100 * 1024
const PRECACHE_BUDGET = 1.5 * 1024 * 1024

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

it(`loads at most ${HOME_JS_BUDGET / 1024} KB of gzipped JavaScript on the home route`, async () => {
  const context = await newAppContext(browser)
  const page = await context.newPage()
  const scripts = new Map<string, Promise<Buffer>>()
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(response.url())) {
      scripts.set(response.url(), response.body())
    }
  })
  await page.goto('/')
  await page.locator('#main h1').waitFor()
  await waitForOfflineReady(page)
  // Anything the home screen loads lazily after the first paint counts too.
  await page.waitForTimeout(1500)
  // The service worker's own script is not part of the page.
  const pageScripts = [...scripts.entries()].filter(([url]) => !/\/sw\.js$|\/workbox-[^/]+\.js$/.test(url))
  let total = 0
  const lines: string[] = []
  for (const [url, body] of pageScripts) {
    const size = gzipSync(await body).length
    total += size
    lines.push(`  ${new URL(url).pathname}: ${(size / 1024).toFixed(1)} KB`)
  }
  console.log(`Home route JavaScript: ${(total / 1024).toFixed(1)} KB gzip in ${pageScripts.length} files\n${lines.join('\n')}`)
  expect(pageScripts.length).toBeGreaterThan(0)
  expect(total).toBeLessThanOrEqual(HOME_JS_BUDGET)
  await context.close()
})

it('precaches at most 1.5 MB, including the app shell, locales and every scenario', () => {
  const sw = readFileSync('dist/sw.js', 'utf8')
  const urls = [...sw.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] as string)
  const total = urls.reduce((sum, url) => sum + statSync(join('dist', url)).size, 0)
  console.log(`Precache: ${(total / 1024).toFixed(1)} KB in ${urls.length} files`)
  expect(urls).toContain('index.html')
  expect(urls.some((u) => /^assets\/ar-.*\.js$/.test(u)), 'Arabic messages precached').toBe(true)
  expect(total).toBeLessThanOrEqual(PRECACHE_BUDGET)
})
