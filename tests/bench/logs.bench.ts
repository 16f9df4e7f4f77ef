// Activity logs in Chromium with 50,000 logs stored: save one log (with its outbox entry, strict
// durability), open the list's first page, compute a year's statistics. Prints medians.
// Builds a small page from tests/bench/logs-page with the app's real code, serves it, drives it.
//   npm run bench:logs            (LOGS=50000 RUNS=… to change the sizes)
import { build } from 'vite'
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const LOGS = Number(process.env.LOGS ?? 50_000)
const RUNS = Number(process.env.RUNS ?? 25)
const GOALS = { save: 50, list: 200, stats: 300 }
const root = fileURLToPath(new URL('./logs-page/', import.meta.url))
const outDir = mkdtempSync(join(tmpdir(), 'tandem-bench-logs-'))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

await build({
  root,
  logLevel: 'warn',
  resolve: { alias: { '@': fileURLToPath(new URL('../../src', import.meta.url)) } },
  define: { __APP_VERSION__: JSON.stringify('bench'), __VUE_OPTIONS_API__: false },
  build: { outDir, emptyOutDir: true, target: 'es2020' },
})

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path))
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/html' }).end(body)
  } catch {
    res.writeHead(404).end()
  }
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const address = server.address()
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  const page = await browser.newPage()
  await page.goto(url)
  await page.locator('#status', { hasText: 'ready' }).waitFor()
  const t0 = Date.now()
  const stored = await page.evaluate((n) => window.bench.seed(n, 365), LOGS)
  console.log(`seeded ${stored} logs (plus ${Math.round(LOGS / 50)} workshops) over the last year in ${Date.now() - t0} ms`)

  const results: Record<keyof typeof GOALS, number[]> = { save: [], list: [], stats: [] }
  // A warm-up of each, then alternate so no operation always follows the same one.
  await page.evaluate(async () => {
    await window.bench.save()
    await window.bench.list()
    await window.bench.stats()
  })
  for (let i = 0; i < RUNS; i++) {
    results.save.push(await page.evaluate(() => window.bench.save()))
    results.list.push(await page.evaluate(() => window.bench.list()))
    if (i < Math.min(RUNS, 9)) results.stats.push(await page.evaluate(() => window.bench.stats()))
  }
  const rebuild = await page.evaluate(() => window.bench.rebuild())
  console.log(`\nActivity logs with ${LOGS.toLocaleString('en')} logs stored, Chromium headless, medians:`)
  console.log('| operation | median | goal | runs |')
  console.log('| --- | --- | --- | --- |')
  const label = { save: 'save one log (+ outbox entry)', list: 'list, first page (50)', stats: "a year's statistics" }
  let ok = true
  for (const key of Object.keys(GOALS) as (keyof typeof GOALS)[]) {
    const m = median(results[key])
    ok &&= m <= GOALS[key]
    console.log(`| ${label[key]} | ${m.toFixed(1)} ms | ≤ ${GOALS[key]} ms${m <= GOALS[key] ? '' : ' (missed)'} | ${results[key].length} |`)
  }
  console.log(`| rebuild the per-day counters from all records (once, after an import) | ${rebuild.toFixed(0)} ms | — | 1 |`)
  process.exitCode = ok ? 0 : 1
} finally {
  await browser.close()
  server.close()
  rmSync(outDir, { recursive: true, force: true })
}
