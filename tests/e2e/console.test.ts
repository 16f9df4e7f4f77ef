// The coordinator's console end to end in Chromium: `npm run admin -- create-structure`, the
// coordinator's first visit with the code (setting a password), a new agent and their code; a
// second browser profile links a tablet with that code, logs two accompaniments offline and
// syncs; the console's report counts them and its XLSX export has those two rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext } from 'playwright-core'
import { collectPageErrors, launchBrowser, newAppContext, visitAndCache, waitForOfflineReady } from '../support/e2e'
import { startServer, type RunningServer } from '../support/start-server'
import { logAccompaniment, seededDataDir, type SeededDataDir } from '../support/e2e-structures'

let browser: Browser
let seeded: SeededDataDir
let server: RunningServer | undefined


beforeAll(async () => {
  browser = await launchBrowser()
  seeded = await seededDataDir('console')
})
afterAll(async () => {
  await server?.stop().catch(() => undefined)
  await browser?.close()
  await seeded?.remove()
})


describe('coordinator console', () => {
  it('signs in with the code, adds an agent whose tablet syncs two offline logs, and reports and exports them', async () => {
    const structure = seeded.admin('create-structure', '--name', 'Médiathèque d’Aubenas', '--coordinator-email', 'marie@example.org')
    server = await startServer({ dataDir: seeded.dataDir })
    const url = server.url

    // The coordinator's first visit: code, email, a new password.
    const desk: BrowserContext = await newAppContext(browser, { url, viewport: { width: 1280, height: 900 } })
    const console_ = await desk.newPage()
    const errors = collectPageErrors(console_)
    await console_.goto('/console')
    await console_.getByTestId('console-use-code').click()
    await console_.getByTestId('console-code').fill(structure.code as string)
    await console_.getByTestId('console-email').fill('marie@example.org')
    await console_.getByTestId('console-password').fill('une phrase de passe solide')
    await console_.getByTestId('console-confirm').fill('une phrase de passe solide')
    await console_.getByTestId('console-submit').click()
    await console_.getByTestId('console-structure').getByText('Médiathèque d’Aubenas').waitFor()

    // A new agent, and their code as text and QR code.
    await console_.getByTestId('person-name').fill('Awa Diallo')
    await console_.getByTestId('person-role').selectOption('agent')
    await console_.getByTestId('person-add').click()
    const code = (await console_.getByTestId('code-text').innerText()).trim()
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await expect(console_.locator('[data-testid="code-card"] [data-qr-text]').getAttribute('data-qr-text')).resolves.toBe(`${url}/settings?enrol=${code}`)
    await expect(console_.getByTestId('code-expiry').innerText()).resolves.toMatch(/Valable jusqu’au/)

    // A tablet links with it, logs two accompaniments offline, then syncs.
    const tablet = await newAppContext(browser, { url, preferences: { mode: 'agent' } })
    const page = await visitAndCache(tablet)
    await page.goto(`/settings?enrol=${code}`)
    await page.getByTestId('enrol').click()
    await page.getByTestId('sync-structure').waitFor()
    await page.getByTestId('sync-status').getByText('Tout est envoyé').waitFor({ timeout: 30_000 })
    await tablet.setOffline(true)
    const ids = [await logAccompaniment(page, 'Première démarche'), await logAccompaniment(page, 'Deuxième démarche')]
    await page.getByTestId('sync-status').getByText(/Hors ligne — 2 en attente/).waitFor()
    await tablet.setOffline(false)
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await page.getByTestId('sync-status').getByText('Tout est envoyé').waitFor({ timeout: 30_000 })

    // The console's report counts them, for the structure and by person.
    await console_.goto('/console/report')
    await console_.getByTestId('report-activities').getByText('2', { exact: true }).waitFor()
    await expect(console_.getByTestId('report-by-person').innerText()).resolves.toContain('Awa Diallo')

    // The XLSX export has those two rows, in the national layout.
    const downloading = console_.waitForEvent('download')
    await console_.getByTestId('export-xlsx').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^tandem-mediatheque-d-aubenas-\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(headers.slice(0, 4)).toEqual(['Date', 'Enregistré le', 'Dernière modification le', 'Type'])
    expect(sheet.actualRowCount).toBe(3)
    const idColumn = headers.indexOf('ID CRA') + 1
    const rows = [2, 3].map((n) => sheet.getRow(n))
    expect(rows.map((row) => row.getCell(idColumn).value).sort()).toEqual([...ids].sort())
    expect(rows.map((row) => row.getCell(headers.indexOf('Notes supplémentaires') + 1).value).sort()).toEqual(['Deuxième démarche', 'Première démarche'])
    expect(rows[0]!.getCell(1).value).toBeInstanceOf(Date)
    expect(rows[0]!.getCell(headers.indexOf('Intervenant') + 1).value).toBe('Awa Diallo')

    // Offline, the console says plainly that it needs a connection: its shell is precached, its
    // pages are not.
    await waitForOfflineReady(console_)
    const precached = await console_.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
      return urls
    })
    expect(precached.some((path) => /\/assets\/ConsoleShell-/.test(path))).toBe(true)
    expect(precached.filter((path) => /\/assets\/console-/.test(path))).toEqual([])
    await desk.setOffline(true)
    await console_.goto('/console')
    await console_.getByTestId('console-offline').getByText('La console a besoin d’une connexion à internet.').waitFor()
    await desk.setOffline(false)

    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual([])
    await desk.close()
    await tablet.close()
  })
})
