// Sync end to end in Chromium: two browser profiles linked as two devices of one agent; the
// first logs three accompaniments offline and edits one, comes back online and sends them; the
// second shows the three, edit included; the server holds each once; a device of another
// structure sees none of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newAppContext, visitAndCache } from '../support/e2e'
import { startServer, type RunningServer } from '../support/start-server'
import { logAccompaniment, seededDataDir, type SeededDataDir } from '../support/e2e-structures'
import { openDatabase } from '../../server/src/db/open.ts'

let browser: Browser
let seeded: SeededDataDir
let server: RunningServer | undefined


beforeAll(async () => {
  browser = await launchBrowser()
  seeded = await seededDataDir('sync')
})
afterAll(async () => {
  await server?.stop().catch(() => undefined)
  await browser?.close()
  await seeded?.remove()
})

async function link(context: BrowserContext, code: string): Promise<Page> {
  const page = await visitAndCache(context)
  await page.goto('/settings')
  await page.locator('#enrol-code').fill(code)
  await page.getByTestId('enrol').click()
  await page.getByTestId('sync-structure').waitFor()
  return page
}


describe('sync between two tablets', () => {
  it('brings three accompaniments logged offline, one edited, to the second device, once each', async () => {
    const structure = seeded.admin('create-structure', '--name', 'France Services de Vals', '--coordinator-email', 'coord@example.org')
    const agent = seeded.admin('create-code', '--structure', structure.structureId as string, '--role', 'agent', '--name', 'Awa')
    const secondCode = seeded.admin('create-code', '--structure', structure.structureId as string, '--user', agent.userId as string).code as string
    const other = seeded.admin('create-structure', '--name', 'Médiathèque de Privas', '--coordinator-email', 'autre@example.org')
    const stranger = seeded.admin('create-code', '--structure', other.structureId as string, '--role', 'agent', '--name', 'Chloé')
    server = await startServer({ dataDir: seeded.dataDir })

    const prefs = { preferences: { mode: 'agent' as const }, url: server.url }
    const context1 = await newAppContext(browser, prefs)
    const page1 = await link(context1, agent.code as string)
    const errors = collectPageErrors(page1)
    await page1.getByTestId('sync-status').getByText('Tout est envoyé').waitFor({ timeout: 30_000 })

    // Offline: three logs and an edit, all kept on the tablet.
    await context1.setOffline(true)
    const ids = [await logAccompaniment(page1, 'Premier'), await logAccompaniment(page1, 'Deuxième'), await logAccompaniment(page1, 'Troisième')]
    await page1.goto(`/accompaniments/${ids[1]}/edit`)
    await page1.locator('textarea[id$="-notes"]').fill('Deuxième, corrigé')
    await page1.getByTestId('save').click()
    await page1.getByTestId('saved-status').getByText('Enregistré').waitFor()
    await page1.getByTestId('sync-status').getByText(/Hors ligne — 4 en attente/).waitFor()

    // Back online: the tablet sends by itself.
    await context1.setOffline(false)
    await page1.evaluate(() => window.dispatchEvent(new Event('online')))
    await page1.getByTestId('sync-status').getByText('Tout est envoyé').waitFor({ timeout: 30_000 })

    // The second tablet of the same agent receives the three, the edit included.
    const context2 = await newAppContext(browser, prefs)
    const page2 = await link(context2, secondCode)
    await page2.getByTestId('sync-status').getByText('Tout est envoyé').waitFor({ timeout: 30_000 })
    await page2.goto('/journal')
    for (const id of ids) await page2.locator(`[data-testid="activity-list"] li[data-id="${id}"]`).waitFor()
    await page2.locator(`li[data-id="${ids[1]}"] a`).click()
    await expect(page2.locator('.detail__list').innerText()).resolves.toContain('Deuxième, corrigé')

    // Another structure's device sees none of them.
    const context3 = await newAppContext(browser, prefs)
    const page3 = await link(context3, stranger.code as string)
    await page3.getByTestId('sync-status').getByText('Tout est envoyé').waitFor({ timeout: 30_000 })
    await page3.goto('/journal')
    await page3.locator('h1').waitFor()
    await expect(page3.locator('[data-testid="activity-list"] li').count()).resolves.toBe(0)

    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual([])
    for (const context of [context1, context2, context3]) await context.close()
    await server.stop()
    server = undefined

    // The server holds each record exactly once, with the edit.
    const opened = await openDatabase({ dataDir: seeded.dataDir })
    try {
      const rows = await opened.db.query<{ id: string; notes: string }>("SELECT id, payload->>'notes' AS notes FROM records WHERE table_name = 'accompaniments' ORDER BY id")
      expect(rows.rows).toEqual(
        ids
          .map((id, i) => ({ id, notes: ['Premier', 'Deuxième, corrigé', 'Troisième'][i] }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      )
    } finally {
      await opened.db.close()
    }
  })
})
