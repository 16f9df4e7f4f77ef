// Activity logs in real Chromium on the production build: logging offline from a finished
// scenario in at most 8 taps, a quick log from the home screen in at most 6, the log surviving a reload, listed, edited, exported as CSV; and a
// half-filled workshop log surviving an app update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, rmSync } from 'node:fs'
import Papa from 'papaparse'
import type { Browser, Locator, Page } from 'playwright-core'
import { collectPageErrors, goOffline, launchBrowser, newAppContext, visitAndCache } from '../support/e2e'
import { startServer } from '../support/start-server'
import { copyBuild, deployNewBuild } from '../support/deploy'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Plays a scenario to an ending, always taking the first choice at checkpoints. */
async function finishScenario(page: Page, id: string): Promise<void> {
  await page.goto(`/scenarios/${id}`)
  await page.getByTestId('start').click()
  for (let i = 0; i < 60; i++) {
    if (await page.getByTestId('log-session').isVisible()) return
    const next = page.getByTestId('next')
    if (await next.isVisible()) await next.click()
    else await page.getByTestId('choice').first().click()
    await page.getByTestId('step-title').waitFor()
  }
  throw new Error(`scenario ${id} did not end`)
}

describe('activity logs', () => {
  it('logs an accompaniment offline from a finished scenario in at most 8 taps, then lists, edits and exports it', async () => {
    const server = await startServer({})
    try {
      const context = await newAppContext(browser, { url: server.url, preferences: { mode: 'agent' } })
      const page = await visitAndCache(context)
      const errors = collectPageErrors(page)
      await goOffline(context)
      await page.reload()
      await finishScenario(page, 'creer-adresse-mail')

      // From the prompt on, every tap counts.
      let taps = 0
      const tap = async (target: Locator) => {
        taps += 1
        await target.click()
      }
      await tap(page.getByTestId('log-session'))
      await page.locator('form button.chip').first().waitFor()
      const chip = (value: string) => page.locator(`button.chip[data-value="${value}"]`)
      if ((await page.locator('.duration button.chip[aria-pressed="true"]').count()) === 0) await tap(chip('30'))
      const themes = page.locator('fieldset', { has: page.locator('legend', { hasText: 'Thématiques d’accompagnement' }) })
      if ((await themes.locator('button.chip[aria-pressed="true"]').count()) === 0) await tap(chip('email'))
      await tap(chip('resolu'))
      await tap(chip('autonome'))
      await tap(page.getByTestId('save'))
      await page.getByTestId('saved-status').getByText('Enregistré').waitFor()
      expect(taps).toBeLessThanOrEqual(8)
      const id = new URL(page.url()).pathname.split('/').at(-1) as string

      // Still there after a reload, still offline, and listed.
      await page.reload()
      await page.getByTestId('edit').waitFor()
      await page.goto('/journal')
      await expect(page.locator(`[data-testid="activity-list"] li[data-id="${id}"]`).innerText()).resolves.toContain('Résolu')

      // Edit: the duration becomes 45 minutes.
      await page.locator(`li[data-id="${id}"] a`).click()
      await page.getByTestId('edit').click()
      await chip('45').click()
      await page.getByTestId('save').click()
      await page.getByTestId('saved-status').getByText('Enregistré').waitFor()
      await expect(page.locator('.detail__list').innerText()).resolves.toContain('45mn')

      // Export: a CSV file with that row, BOM and semicolons.
      await page.goto('/stats')
      await page.getByTestId('totals').waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
      const path = await download.path()
      const text = readFileSync(path, 'utf8')
      expect(text.charCodeAt(0)).toBe(0xfeff)
      const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true })
      const row = parsed.data.find((r) => r['ID CRA'] === id)
      expect(row).toMatchObject({ Type: 'Accompagnement individuel', 'Durée (min)': '45', Résultat: 'Résolu', "Niveau d'autonomie (ou de l'atelier)": '3/3' })
      expect(row?.["Thématique(s) d'accompagnement"]).toContain('E-mail')
      expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
      await context.close()
    } finally {
      await server.stop()
    }
  })

  it('logs a common accompaniment from the home screen in at most 6 taps, the duration from a timer kept across a reload', async () => {
    const context = await newAppContext(browser, { viewport: { width: 360, height: 740 }, preferences: { mode: 'agent' } })
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await page.goto('/')
    await page.locator('#main h1').first().waitFor()
    let taps = 0
    const tap = async (target: Locator) => {
      taps += 1
      await target.click()
    }
    const chip = (value: string) => page.locator(`button.chip[data-value="${value}"]`)
    await tap(page.getByTestId('home-quick-log'))
    await page.getByTestId('timer-start').waitFor()
    // The person sits down.
    await tap(page.getByTestId('timer-start'))
    await page.getByTestId('timer-running').waitFor()
    // The timer survives a reload (and any screen opened meanwhile).
    await page.reload()
    await page.getByTestId('timer-running').waitFor()
    await tap(chip('email'))
    await tap(chip('resolu'))
    await tap(page.getByTestId('save'))
    await page.getByTestId('saved-status').getByText('Enregistré').waitFor()
    expect(taps).toBeLessThanOrEqual(6)
    await expect(page.locator('.detail__list').innerText()).resolves.toContain('1mn')
    await expect(page.evaluate(() => localStorage.getItem('tandem.accompanimentTimer'))).resolves.toBeNull()
    // The detail's address carries no draft, and neither does the journal opened next.
    await page.goto('/journal')
    await page.getByTestId('quick-log').waitFor()
    expect(new URL(page.url()).search).toBe('')
    expect(errors).toEqual([])
    await context.close()
  })

  it('counts 10,590 pasted characters of notes, refuses them with a message naming the field, and cuts nothing, draft included', async () => {
    const context = await newAppContext(browser, { viewport: { width: 360, height: 740 }, preferences: { mode: 'agent' } })
    const page = await context.newPage()
    await page.goto('/accompaniments/new')
    const notes = page.locator('#session-notes')
    await notes.waitFor()
    const pasted = 'Relevé de carrière à compléter, trimestres manquants. '.repeat(200).slice(0, 10_590)
    // A paste: one insertion of the whole text, as the clipboard does.
    await notes.focus()
    await page.evaluate((text) => document.execCommand('insertText', false, text), pasted)
    await expect(page.getByTestId('notes-count').innerText()).resolves.toBe('10590 / 4000 caractères')
    await page.locator('button.chip[data-value="30"]').click()
    await page.locator('button.chip[data-value="email"]').click()
    await page.locator('button.chip[data-value="resolu"]').click()
    await page.getByTestId('save').click()
    const summary = page.getByTestId('error-summary')
    await summary.waitFor()
    await expect(summary.innerText()).resolves.toContain('Notes : les notes dépassent 4 000 caractères')
    await expect(notes.inputValue().then((v) => v.length)).resolves.toBe(10_590)
    // The link takes the agent to the notes.
    await summary.locator('a[data-field="notes"]').click()
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('session-notes')
    // The draft keeps it all too: a reload gives the 10,590 characters back.
    await page.waitForURL(/draft=/)
    await page.reload()
    await notes.waitFor()
    await expect(notes.inputValue().then((v) => v.length)).resolves.toBe(10_590)
    await context.close()
  })

  it('keeps a half-filled workshop log through an app update', async () => {
    const staticDir = copyBuild()
    const server = await startServer({ staticDir })
    try {
      const context = await newAppContext(browser, { url: server.url, preferences: { mode: 'workshop' } })
      const page = await visitAndCache(context)
      await page.goto('/workshops/new?log=1')
      await page.locator('#workshop-title').fill('Atelier impôts en ligne')
      await page.locator('#workshop-total').fill('7')

      deployNewBuild(staticDir)
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration()
        await registration?.update()
      })
      const banner = page.getByTestId('update-banner')
      await banner.waitFor({ timeout: 60_000 })
      await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Mettre à jour' }).click()])

      await page.goto('/workshops')
      const drafts = page.getByTestId('drafts')
      await drafts.waitFor()
      await drafts.getByRole('link', { name: 'Reprendre' }).first().click()
      await page.locator('#workshop-title').waitFor()
      await expect(page.locator('#workshop-title').inputValue()).resolves.toBe('Atelier impôts en ligne')
      await expect(page.locator('#workshop-total').inputValue()).resolves.toBe('7')
      await context.close()
    } finally {
      await server.stop()
      rmSync(staticDir, { recursive: true, force: true })
    }
  })
})
