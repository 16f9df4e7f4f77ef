// A new version deployed while a tab is open: the banner offers it, and accepting loads it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { launchBrowser, newAppContext, visitAndCache } from '../support/e2e'
import { startServer } from '../support/start-server'
import { copyBuild, deployNewBuild } from '../support/deploy'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

it('offers a newly deployed version without reloading, and loads it once accepted', async () => {
  const staticDir = copyBuild()
  const server = await startServer({ staticDir })
  try {
    const context = await newAppContext(browser, { url: server.url })
    const page = await visitAndCache(context, '/settings')
    const before = await page.getByTestId('app-version').innerText()

    const buildId = deployNewBuild(staticDir)
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      await registration?.update()
    })
    const banner = page.getByTestId('update-banner')
    await banner.waitFor({ timeout: 60_000 })
    await expect(banner.innerText()).resolves.toContain('Une nouvelle version de Tandem est prête.')
    // Nothing reloaded by itself: still the old version on screen.
    await expect(page.getByTestId('app-version').innerText()).resolves.toBe(before)

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Mettre à jour' }).click()])
    await page.getByTestId('app-version').waitFor()
    await expect(page.getByTestId('app-version').innerText()).resolves.toContain(buildId)
    await context.close()
  } finally {
    await server.stop()
    rmSync(staticDir, { recursive: true, force: true })
  }
})
