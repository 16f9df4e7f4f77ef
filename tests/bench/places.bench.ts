// The places directory in Chromium with 10,000 places (the whole country is in that range):
// the import of a 10,000-row file of the national format (parse, normalise, opening hours,
// one transaction), a search by postcode with two filters, and the storage used. Prints medians.
// Builds a small page from tests/bench/places-page with the app's real code, serves it, drives it.
//   npm run bench:places            (PLACES=10000 RUNS=… to change the sizes)
import { build } from 'vite'
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { chromium } from 'playwright-core'

const PLACES = Number(process.env.PLACES ?? 10_000)
const RUNS = Number(process.env.RUNS ?? 25)
const SEARCH_GOAL_MS = 100
const root = fileURLToPath(new URL('./places-page/', import.meta.url))
const outDir = mkdtempSync(join(tmpdir(), 'tandem-bench-places-'))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** A deterministic pseudo-random sequence, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Parentalité et éducation avec le numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
]
const HOURS = ['Mo-Fr 09:00-12:00,14:00-18:00', 'Mo-Fr 09:00-17:00; We 13:00-16:30', 'Tu-Sa 10:00-18:00; PH off', 'Mo,We,Fr 14:00-17:30', 'Mo-Fr 08:30-12:30', 'du lundi au vendredi de 9h à 12h', '']

/**
 * A file shaped like the national one: 100 départements, 20 communes each, places spread over
 * them, and one town (07200) with about 60 places, the kind of postcode a search lands on.
 */
function placesFile(count: number): string {
  const next = random(2026)
  const rows = Array.from({ length: count }, (_, i) => {
    const big = i % 160 === 0
    const dep = big ? 7 : 1 + Math.floor(next() * 95)
    const commune = big ? 0 : Math.floor(next() * 20)
    const postcode = big ? '07200' : `${String(dep).padStart(2, '0')}${String(100 + commune * 10).padStart(3, '0')}`
    const services = SERVICES.filter(() => next() < 0.3)
    return {
      id: `lieu-${i}`,
      pivot: String(10_000_000_000_000 + i),
      nom: `${big ? 'Espace numérique' : 'Lieu'} ${i}`,
      commune: big ? 'Aubenas' : `Commune ${dep}-${commune}`,
      code_postal: postcode,
      code_insee: '',
      adresse: `${1 + (i % 90)} rue de la République`,
      latitude: String(42 + (dep % 10) * 0.8 + next() * 0.1),
      longitude: String(-1 + Math.floor(dep / 10) * 0.8 + next() * 0.1),
      telephone: `04 75 ${String(10 + (i % 89)).padStart(2, '0')} ${String(i % 100).padStart(2, '0')} 00`,
      // One text in five is its own (2,000 distinct texts to parse); the others repeat common
      // hours word for word, as real files do.
      horaires: i % 5 === 0 ? `Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 "permanence ${i}"` : HOURS[i % HOURS.length],
      presentation_resume: 'Accompagnement aux usages numériques, accès libre aux ordinateurs et au wifi.',
      date_maj: '2026-10-01',
      services: (services.length ? services : [SERVICES[7]!]).join('|'),
      frais_a_charge: 'Gratuit',
      modalites_acces: 'Se présenter|Téléphoner',
    }
  })
  return Papa.unparse(rows)
}

await build({
  root,
  logLevel: 'warn',
  resolve: { alias: { '@': fileURLToPath(new URL('../../src', import.meta.url)) } },
  define: { __APP_VERSION__: JSON.stringify('bench'), __VUE_OPTIONS_API__: false },
  build: { outDir, emptyOutDir: true, target: 'es2022' },
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
  const text = placesFile(PLACES)
  const before = await page.evaluate(() => window.placesBench.usage())
  const first = await page.evaluate((file) => window.placesBench.importFile(file), text)
  const after = await page.evaluate(() => window.placesBench.usage())
  const again = await page.evaluate((file) => window.placesBench.importFile(file), text)
  const centres = await page.evaluate(() => window.placesBench.centres())
  await page.evaluate(() => window.placesBench.search('07200'))
  const searches: number[] = []
  let found = 0
  for (let i = 0; i < RUNS; i++) {
    const run = await page.evaluate(() => window.placesBench.search('07200'))
    searches.push(run.ms)
    found = run.found
  }
  const m = median(searches)
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  console.log(`\nPlaces directory with ${first.stored.toLocaleString('en')} places stored, Chromium headless:`)
  console.log('| operation | result | goal |')
  console.log('| --- | --- | --- |')
  console.log(`| import a ${PLACES.toLocaleString('en')}-row file (${mb(text.length)} of CSV): parse, normalise, opening hours, one transaction | ${(first.ms / 1000).toFixed(1)} s (${first.kept} kept, ${first.rejected} rejected) | — |`)
  console.log(`| import the same file again (nothing written) | ${(again.ms / 1000).toFixed(1)} s (${again.unchanged} unchanged, ${again.added} added) | — |`)
  console.log(`| read the commune centres (once per visit) | ${centres.toFixed(1)} ms | — |`)
  console.log(`| search by postcode with two filters (service + « ouvert maintenant »), median of ${RUNS} | ${m.toFixed(1)} ms (${found} places found) | ≤ ${SEARCH_GOAL_MS} ms${m <= SEARCH_GOAL_MS ? '' : ' (missed)'} |`)
  console.log(`| storage used by the directory (navigator.storage.estimate, after − before) | ${mb(after - before)} | — |`)
  process.exitCode = m <= SEARCH_GOAL_MS && again.added === 0 ? 0 : 1
} finally {
  await browser.close()
  server.close()
  rmSync(outDir, { recursive: true, force: true })
}
