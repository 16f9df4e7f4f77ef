// The app shell in real Chromium on the production build: offline start, every navigation
// route, Arabic right-to-left, accessibility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, goOffline, launchBrowser, newAppContext, seriousA11yViolations, visitAndCache } from '../support/e2e'
import { startServer } from '../support/start-server'

const MODES = ['agent', 'workshop', 'citizen'] as const
/** Screens of a mode reached from a screen rather than the menu (the quick log from home). */
const EXTRA_PATHS: Partial<Record<(typeof MODES)[number], string[]>> = { agent: ['/accompaniments/quick'], workshop: ['/workshops/new'] }

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The paths of the main navigation as the current mode shows it. */
async function navPaths(page: Page): Promise<string[]> {
  return page.locator('nav.app-nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
}

/** No horizontal scrolling and touch targets of at least 44 px on the current page of a phone. */
async function expectPhoneFit(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, `${where} overflows horizontally`).toBeLessThanOrEqual(0)
  // Controls, not links inside running text (WCAG 2.5.8 exempts inline links).
  const small = await page.locator('#main button, #main a:not(p a, li a, dd a), #main select, #main input:not([type=checkbox]):not([type=radio]), #main summary, header button, header a, header select').evaluateAll((elements) =>
    elements
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 30), rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.height < 44 || rect.width < 44)
      .map(({ text, rect }) => `${text} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  )
  expect(small, `${where} touch targets`).toEqual([])
}

async function expectScreen(page: Page, path: string): Promise<void> {
  await page.locator('#main h1').first().waitFor()
  const title = await page.locator('#main h1').first().innerText()
  expect(title, `${path} shows a screen`).not.toMatch(/introuvable|not found|غير موجودة/i)
}

describe('app shell', () => {
  it('starts offline after a first visit, opens every navigation route, and sends nothing to the server', async () => {
    // Its own server, so that every request it received can be counted.
    const server = await startServer({})
    try {
      const context = await newAppContext(browser, { url: server.url })
      const page = await visitAndCache(context)
      // The server's request log arrives through its stdout: let it be still before counting.
      let received = -1
      while (received !== server.requests().length) {
        received = server.requests().length
        await page.waitForTimeout(500)
      }
      await goOffline(context)
      const errors = collectPageErrors(page)
      // Which screen asked the server for something, to explain a failure below.
      const asked: string[] = []
      page.on('request', (request) => {
        if (request.url().includes('/api/')) asked.push(`${request.url()} from ${page.url()}`)
      })

      await page.reload()
      await expect(page.locator('#main h1').first().innerText()).resolves.toBe('Comment utilisez-vous Tandem aujourd’hui ?')
      await expect(page.locator('.connectivity').innerText()).resolves.toContain('Hors ligne')

      const opened: string[] = []
      for (const mode of MODES) {
        await page.goto('/')
        await page.getByTestId(`mode-${mode}`).click()
        await page.locator('#main h1').first().waitFor()
        for (const path of await navPaths(page)) {
          await page.goto(path)
          await expectScreen(page, path)
          opened.push(path)
        }
      }
      expect(opened).toContain('/settings')
      expect(server.requests().slice(received).map((r) => `${r.method} ${r.url} ${r.statusCode}`), `requests that reached the server while offline (page asked: ${asked.join('; ')})`).toEqual([])
      expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
      await context.close()
    } finally {
      await server.stop()
    }
  })

  it('switches to Arabic, lays out right to left, and keeps it after a reload', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByTestId('language-switch').selectOption('ar')
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ar')
    await expect(page.locator('#main h1').innerText()).resolves.toBe('كيف تستخدم تاندم اليوم؟')
    await page.reload()
    await page.locator('#main h1').waitFor()
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl')
    await expect(page.locator('#main h1').innerText()).resolves.toBe('كيف تستخدم تاندم اليوم؟')
    // The header's start edge is on the right in RTL.
    const brand = await page.locator('.brand').boundingBox()
    const viewport = page.viewportSize()
    expect(brand && viewport && brand.x > viewport.width / 2).toBe(true)
    await context.close()
  })

  it('keeps the way in chosen on the home screen', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByTestId('mode-workshop').click()
    await page.goto('/')
    await expect(page.getByTestId('mode-workshop').getAttribute('aria-pressed')).resolves.toBe('true')
    await expect(page.getByTestId('mode-agent').getAttribute('aria-pressed')).resolves.toBe('false')
    await context.close()
  })

  for (const locale of ['fr', 'en', 'ar'] as const) {
    it(`fits a 360 px phone in ${locale} while a workshop programme is edited, and in the quick log`, async () => {
      const context = await newAppContext(browser, { viewport: { width: 360, height: 740 }, preferences: { mode: 'workshop', locale } })
      const page = await context.newPage()
      await page.goto('/workshops/new')
      const choice = page.locator('#programme-choice')
      await choice.waitFor()
      // The longest titles first: a select is as wide as its longest option unless told otherwise.
      const byLength = await choice.locator('option').evaluateAll((options) =>
        options
          .map((o) => ({ value: (o as HTMLOptionElement).value, length: (o.textContent ?? '').length }))
          .filter((o) => o.value)
          .sort((a, b) => b.length - a.length)
          .map((o) => o.value),
      )
      expect(byLength.length).toBeGreaterThan(2)
      const add = page.locator('.programme__add button')
      for (const value of byLength.slice(0, 2)) {
        await choice.selectOption(value)
        await expectPhoneFit(page, `workshop form (${locale}), ${value} chosen`)
        await expect(add.boundingBox().then((b) => b !== null && b.x >= 0 && b.x + b.width <= 360)).resolves.toBe(true)
        await add.click()
      }
      // A third one chosen and not added yet: the programme is being edited.
      await choice.selectOption(byLength[2] as string)
      await expectPhoneFit(page, `workshop form (${locale}), programme of two`)
      // In Arabic the page opens on its start edge, not shifted into blank space.
      await expect(page.evaluate(() => window.scrollX)).resolves.toBe(0)
      const heading = await page.locator('#main h1').boundingBox()
      expect(heading && heading.x >= 0 && heading.x + heading.width <= 360, `heading in view (${locale})`).toBe(true)

      await page.evaluate(() => localStorage.setItem('tandem.preferences', JSON.stringify({ ...JSON.parse(localStorage.getItem('tandem.preferences') ?? '{}'), mode: 'agent' })))
      await page.goto('/accompaniments/quick')
      await page.getByTestId('timer-start').waitFor()
      await expectPhoneFit(page, `quick log (${locale})`)
      await page.locator('details[data-testid="more-details"] > summary').click()
      await page.getByTestId('follow-up').check()
      await expectPhoneFit(page, `quick log (${locale}), all details open`)
      await context.close()
    })
  }

  for (const locale of ['fr', 'en', 'ar'] as const) {
    it(`fits a 360 px phone without horizontal scrolling, with touch targets of at least 44 px, on every route of every mode in ${locale}, the projector included`, async () => {
      const context = await newAppContext(browser, { viewport: { width: 360, height: 740 }, preferences: { locale } })
      const page = await context.newPage()
      const checked = new Set<string>()
      for (const mode of MODES) {
        await page.goto('/')
        await page.getByTestId(`mode-${mode}`).click()
        await page.locator('#main h1').first().waitFor()
        for (const path of ['/', ...(await navPaths(page)), ...(EXTRA_PATHS[mode] ?? [])]) {
          if (checked.has(path)) continue
          checked.add(path)
          await page.goto(path)
          await page.locator('#main h1').first().waitFor()
          await expectPhoneFit(page, `${path} (${mode}, ${locale})`)
        }
      }
      expect(checked.size).toBeGreaterThan(4)
      // The projector and its notes window, on a workshop planned through the form.
      await page.evaluate(() => localStorage.setItem('tandem.preferences', JSON.stringify({ ...JSON.parse(localStorage.getItem('tandem.preferences') ?? '{}'), mode: 'workshop' })))
      await page.goto('/workshops/new')
      const choice = page.locator('#programme-choice')
      await choice.waitFor()
      await choice.selectOption({ index: 1 })
      await page.locator('.programme__add button').click()
      await page.getByTestId('save').click()
      await page.waitForURL(/\/workshops\/[^/]+\?saved=1$/)
      const workshop = new URL(page.url()).pathname
      for (const path of [`${workshop}/project`, `${workshop}/notes`]) {
        await page.goto(path)
        await page.locator('#main h1').first().waitFor()
        await expectPhoneFit(page, `${path} (${locale})`)
      }
      await context.close()
    })
  }

  for (const locale of ['fr', 'ar'] as const) {
    it(`has no serious accessibility violation on any route in ${locale}`, async () => {
      const context = await newAppContext(browser, { preferences: { locale } })
      const page = await context.newPage()
      const visited = new Set<string>()
      for (const mode of MODES) {
        await page.goto('/')
        await page.getByTestId(`mode-${mode}`).click()
        await page.locator('#main h1').first().waitFor()
        for (const path of ['/', ...(await navPaths(page)), ...(EXTRA_PATHS[mode] ?? [])]) {
          if (visited.has(path)) continue
          visited.add(path)
          await page.goto(path)
          await page.locator('#main h1').first().waitFor()
          expect(await seriousA11yViolations(page), `${path} in ${locale}`).toEqual([])
        }
      }
      // High contrast must not introduce violations either.
      await page.goto('/settings')
      await page.getByTestId('high-contrast').check()
      expect(await seriousA11yViolations(page), 'settings, high contrast').toEqual([])
      await context.close()
    })
  }
})
