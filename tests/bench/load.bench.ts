// Load benchmark (npm run bench:load; not part of npm test): time to a usable home screen on a
// cold visit over emulated EDGE and slow 3G, bytes transferred, and a warm start offline.
// Prints a Markdown table for BENCHMARKS.md. Needs the production build (npm run build), or
// another one named by TEST_STATIC_DIR and TEST_SERVER_ENTRY (tests/support/start-server.ts).
import { chromium, type Page } from 'playwright-core'
import os from 'node:os'
import { startServer } from '../support/start-server'
import { waitForOfflineReady } from '../support/e2e'

const RUNS = Number(process.env.RUNS ?? 5)
const PROFILES = [
  // kbit/s → bytes/s for the DevTools protocol.
  { name: 'EDGE', downKbps: 240, upKbps: 200, latencyMs: 800 },
  { name: 'slow 3G', downKbps: 400, upKbps: 400, latencyMs: 400 },
] as const

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Milliseconds from navigation start until the home screen's way-in buttons can be pressed. */
// Written as a string: tsx would otherwise inject its `__name` helper, unknown in the page.
const USABLE_AT = `new Promise((resolve) => {
  const check = () => {
    const button = document.querySelector('[data-testid="mode-agent"]')
    if (button && !button.disabled && button.getBoundingClientRect().height > 0) resolve(performance.now())
    else requestAnimationFrame(check)
  }
  check()
})`

async function timeToUsable(page: Page): Promise<number> {
  return page.evaluate(USABLE_AT) as Promise<number>
}

const server = await startServer({})
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
const rows: string[] = []
try {
  for (const profile of PROFILES) {
    const cold: number[] = []
    const bytes: number[] = []
    const warm: number[] = []
    const warmRequests: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'allow', viewport: { width: 412, height: 915 } })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.latencyMs,
        downloadThroughput: (profile.downKbps * 1000) / 8,
        uploadThroughput: (profile.upKbps * 1000) / 8,
      })
      let transferred = 0
      cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
        transferred += event.encodedDataLength
      })
      await page.goto('/', { waitUntil: 'commit' })
      cold.push(await timeToUsable(page))
      bytes.push(transferred)

      // Let the service worker finish precaching, then start again with the network cut.
      await waitForOfflineReady(page, 300_000)
      await context.setOffline(true)
      let requests = 0
      page.on('response', (response) => {
        if (!response.fromServiceWorker() && !response.url().startsWith('data:')) requests++
      })
      page.on('requestfailed', () => requests++)
      await page.reload({ waitUntil: 'commit' })
      warm.push(await timeToUsable(page))
      warmRequests.push(requests)
      await context.close()
    }
    rows.push(
      `| ${profile.name} (${profile.downKbps} kbit/s, ${profile.latencyMs} ms) | ${(median(cold) / 1000).toFixed(2)} s | ${(median(bytes) / 1024).toFixed(1)} KB | ${median(warm).toFixed(0)} ms | ${Math.max(...warmRequests)} |`,
    )
    console.error(`${profile.name}: cold ${cold.map((v) => v.toFixed(0)).join(', ')} ms; warm ${warm.map((v) => v.toFixed(0)).join(', ')} ms`)
  }
} finally {
  await browser.close()
  await server.stop()
}

console.log(`Load benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, median of ${RUNS} runs\n`)
console.log('| network | cold visit: home usable | bytes transferred until usable | warm start offline: usable | network requests offline |')
console.log('| --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
