// Guided scenarios in real Chromium on the production build: offline search, playing a branch to
// its end, resuming after a reload, the leave-behind QR code, the printed memo, Arabic around
// French content. Plays whatever the real content says (first choice at each checkpoint), so the
// test holds when the scenario texts are edited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { collectPageErrors, goOffline, launchBrowser, newAppContext, seriousA11yViolations, visitAndCache } from '../support/e2e'

const EMAIL = 'creer-adresse-mail'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function stepTitle(page: Page): Promise<string> {
  return page.getByTestId('step-title').innerText()
}

/** One move forward: the first checkpoint answer, or « Suivant ». */
async function advance(page: Page): Promise<void> {
  const before = page.url()
  const choice = page.getByTestId('choice').first()
  if (await choice.count()) await choice.click()
  else await page.getByTestId('next').click()
  await page.waitForURL((url) => url.href !== before)
  await page.getByTestId('step-title').waitFor()
}

async function offlineAgent(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newAppContext(browser, { preferences: { mode: 'agent' } })
  // visitAndCache waits until the service worker controls the page, so offline navigations work.
  const page = await visitAndCache(context, '/scenarios')
  await goOffline(context)
  const errors = collectPageErrors(page)
  return { context, page, errors }
}

describe('guided scenarios', () => {
  it('works offline: « mel » finds the email scenario, a branch plays to its end, a reload resumes', async () => {
    const { context, page, errors } = await offlineAgent()
    await page.goto('/scenarios')
    await page.locator('[data-testid=results] [data-scenario]').first().waitFor()
    expect(await seriousA11yViolations(page), 'catalogue').toEqual([])
    await page.getByTestId('search').fill('mel')
    await expect(page.locator('[data-testid=results] [data-scenario]').first().getAttribute('data-scenario')).resolves.toBe(EMAIL)

    await page.locator(`[data-testid=results] [data-scenario=${EMAIL}]`).click()
    await page.getByTestId('start').click()
    await page.getByTestId('step-title').waitFor()
    // The heading receives focus on each step.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('step-title')
    await advance(page)
    await advance(page)
    const midway = page.url()
    const midwayTitle = await stepTitle(page)

    await page.reload()
    await page.getByTestId('step-title').waitFor()
    expect(page.url()).toBe(midway)
    await expect(stepTitle(page)).resolves.toBe(midwayTitle)

    // Reopening the scenario from its start offers to resume there.
    await page.goto(`/scenarios/${EMAIL}`)
    await page.getByTestId('resume').click()
    await page.getByTestId('step-title').waitFor()
    await expect(stepTitle(page)).resolves.toBe(midwayTitle)

    for (let moves = 0; moves < 40 && (await page.locator('[data-outcome]').count()) === 0; moves++) await advance(page)
    await expect(page.locator('[data-outcome]').getAttribute('data-outcome')).resolves.toMatch(/^(done|needs-help|refer)$/)
    await expect(page.getByTestId('progress').innerText()).resolves.toBe('Parcours terminé')
    const log = await page.getByTestId('log-session').getAttribute('href')
    // The minutes spent in the player are not the accompaniment's duration: the link carries none.
    expect(log).toMatch(new RegExp(`^/accompaniments/new\\?scenarios=${EMAIL}$`))
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
    await context.close()
  })

  it('encodes the current step, in self-guided mode, in the leave-behind QR code', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'agent' } })
    const page = await context.newPage()
    await page.goto(`/scenarios/${EMAIL}`)
    await page.getByTestId('start').click()
    await page.getByTestId('step-title').waitFor()
    await advance(page)
    const step = new URL(page.url()).pathname.split('/').pop()
    await page.getByTestId('leave-behind').click()
    const qr = page.locator('svg[data-qr-text]')
    await qr.waitFor()
    const origin = new URL(page.url()).origin
    await expect(qr.getAttribute('data-qr-text')).resolves.toBe(`${origin}/scenarios/${EMAIL}/${step}?mode=self`)
    expect(await seriousA11yViolations(page), 'player').toEqual([])

    // Opening that address on a fresh phone shows the citizen display at that step.
    const phone = await newAppContext(browser, { viewport: { width: 360, height: 740 } })
    const phonePage = await phone.newPage()
    await phonePage.goto((await qr.getAttribute('data-qr-text')) ?? '')
    await phonePage.getByTestId('step-title').waitFor()
    await expect(phonePage.locator('.player').getAttribute('data-display-mode')).resolves.toBe('citizen')
    await expect(phonePage.getByTestId('agent-note').count()).resolves.toBe(0)
    await expect(phonePage.evaluate(() => JSON.parse(localStorage.getItem('tandem.preferences') ?? '{}').mode)).resolves.toBe('citizen')
    await phone.close()
    await context.close()
  })

  it('prints a one-page memo without the app chrome', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'agent' } })
    const page = await context.newPage()
    await page.goto(`/fiches/${EMAIL}`)
    await page.getByTestId('memo').waitFor()
    await page.locator('[data-testid=memo] svg[data-qr-text]').waitFor()
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.app-header').isVisible()).resolves.toBe(false)
    await expect(page.locator('[data-testid=memo] .no-print').isVisible()).resolves.toBe(false)
    await expect(page.locator('[data-testid=memo] h1').innerText()).resolves.toBe('Créer une adresse mail')
    const sources = await page.locator('[data-testid=memo] .sources a').allInnerTexts()
    expect(sources.length).toBeGreaterThan(0)
    expect(sources.every((url) => url.startsWith('https://'))).toBe(true)
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length, 'printed pages').toBe(1)
    await context.close()
  })

  it('plays a translated scenario in Arabic, right to left, without horizontal overflow', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'citizen', locale: 'ar' }, viewport: { width: 360, height: 740 } })
    const page = await context.newPage()
    await page.goto(`/scenarios/${EMAIL}`)
    await page.getByTestId('start').click()
    await page.getByTestId('step-title').waitFor()
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    await expect(page.getByTestId('stuck').innerText()).resolves.toBe('لا أستطيع المتابعة')
    // The whole library is translated: the step is Arabic, right to left (the French fallback
    // of an untranslated step, marked lang="fr" and laid out left to right, is covered by
    // tests/component/scenarios/PlayerView.test.ts).
    await expect(page.getByTestId('step-title').getAttribute('lang')).resolves.not.toBe('fr')
    await expect(page.getByTestId('step-title').evaluate((el) => getComputedStyle(el).direction)).resolves.toBe('rtl')
    await expect(page.getByTestId('stuck').evaluate((el) => getComputedStyle(el).direction)).resolves.toBe('rtl')
    await advance(page)
    expect(await seriousA11yViolations(page), 'player in Arabic').toEqual([])
    for (const path of [page.url(), '/scenarios', `/fiches/${EMAIL}`]) {
      await page.goto(path)
      await page.locator('#main h1').first().waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0)
    }
    await context.close()
  })
})
