// Getting around on a phone and at a desk, in Chromium on the production build: the bottom bar
// with « Plus » shows every destination at 360 px in the three languages, the header stays
// short at « Très grande » text size with the sync status in it, catalogue results come before
// the filters, and the monthly summary's tables sit side by side without overlapping at 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, newAppContext } from '../support/e2e'

const PHONE = { width: 360, height: 740 }
const DESK = { width: 1280, height: 800 }
const MODES = ['agent', 'workshop', 'citizen'] as const
const LOCALES = ['fr', 'en', 'ar'] as const

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

interface Shown {
  href: string
  text: string
  box: { x: number; y: number; width: number; height: number }
  clipped: boolean
}

/** The navigation's links a person can see now, with their box and whether a label is cut. */
async function visibleLinks(page: Page): Promise<Shown[]> {
  return page.locator('nav[data-testid=main-nav] a').evaluateAll((links) =>
    links
      .filter((a) => (a as HTMLElement).offsetParent !== null && getComputedStyle(a).visibility !== 'hidden')
      .map((a) => {
        const r = a.getBoundingClientRect()
        const labels = [...a.querySelectorAll<HTMLElement>('.app-nav__label')].filter((l) => l.offsetParent !== null && l.getBoundingClientRect().width > 1)
        return {
          href: new URL((a as HTMLAnchorElement).href).pathname,
          text: labels.map((l) => l.innerText).join(' '),
          box: { x: r.x, y: r.y, width: r.width, height: r.height },
          clipped: labels.some((l) => l.scrollWidth > l.clientWidth + 1 || l.getBoundingClientRect().right > r.right + 1 || l.getBoundingClientRect().left < r.left - 1),
        }
      }),
  )
}

describe('phone navigation', () => {
  for (const locale of LOCALES) {
    it(`shows every destination of every mode on a 360 px phone in ${locale}: a bottom bar and « Plus »`, async () => {
      const context = await newAppContext(browser, { viewport: PHONE, preferences: { locale } })
      const page = await context.newPage()
      for (const mode of MODES) {
        await page.goto('/')
        await page.getByTestId(`mode-${mode}`).click()
        // The navigation of the chosen mode is on screen (the home screen changes with the mode).
        const marker = { agent: '/accompaniments/new', workshop: '/workshops', citizen: null }[mode]
        await expect
          .poll(() => page.locator('nav[data-testid=main-nav] a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname)))
          .toSatisfy((paths: string[]) => (marker ? paths.includes(marker) : !paths.includes('/journal')))
        await page.locator('#main h1').first().waitFor()
        const all = await page.locator('nav[data-testid=main-nav] a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
        const bar = await visibleLinks(page)
        expect(bar.length, `${mode}: destinations in the bar`).toBeGreaterThanOrEqual(3)
        for (const link of bar) {
          expect(link.clipped, `${mode}: « ${link.text} » is cut`).toBe(false)
          expect(link.box.height >= 44 && link.box.width >= 44, `${mode}: « ${link.text} » is a 44 px target`).toBe(true)
          expect(link.box.x >= 0 && link.box.x + link.box.width <= PHONE.width + 0.5, `${mode}: « ${link.text} » on screen`).toBe(true)
          // The bar sits at the bottom of the screen.
          expect(link.box.y + link.box.height).toBeGreaterThan(PHONE.height - 80)
        }
        // The bar reads in the language's direction.
        if (bar.length > 1) {
          const [first, last] = [bar[0]!, bar[bar.length - 1]!]
          expect(locale === 'ar' ? first.box.x > last.box.x : first.box.x < last.box.x, `${mode}: bar direction in ${locale}`).toBe(true)
        }
        const more = page.getByTestId('nav-more')
        let shown = bar.map((l) => l.href)
        if (all.length > bar.length) {
          await expect(more.getAttribute('aria-expanded')).resolves.toBe('false')
          const moreBox = await more.boundingBox()
          expect(moreBox && moreBox.height >= 44 && moreBox.width >= 44, `${mode}: « Plus » is a 44 px target`).toBe(true)
          // Keyboard: Enter opens, Escape closes and gives focus back.
          await more.focus()
          await expect.poll(() => more.evaluate((el) => el === document.activeElement)).toBe(true)
          await page.keyboard.press('Enter')
          await expect.poll(() => more.getAttribute('aria-expanded')).toBe('true')
          const opened = await visibleLinks(page)
          for (const link of opened) {
            expect(link.clipped, `${mode}: « ${link.text} » is cut`).toBe(false)
            expect(link.box.height >= 44, `${mode}: « ${link.text} » is a 44 px target`).toBe(true)
            expect(link.box.x >= 0 && link.box.x + link.box.width <= PHONE.width + 0.5, `${mode}: « ${link.text} » on screen`).toBe(true)
          }
          shown = opened.map((l) => l.href)
          // Tab goes into the opened list; Escape closes it and brings focus back to « Plus ».
          await page.keyboard.press('Tab')
          await expect.poll(() => page.evaluate(() => document.activeElement?.closest('#app-nav-more') !== null)).toBe(true)
          await page.keyboard.press('Escape')
          await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false')
          await expect.poll(() => more.evaluate((el) => el === document.activeElement), { message: `${mode}: focus back on « Plus »` }).toBe(true)
        } else {
          await expect(more.count()).resolves.toBe(0)
        }
        expect([...new Set(shown)].sort(), `${mode}: every destination can be seen`).toEqual([...new Set(all)].sort())
        await expect(page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).resolves.toBeLessThanOrEqual(0)
      }
      // The current page is marked for screen readers; the bar never prints.
      await page.goto('/scenarios')
      await page.locator('#main h1').first().waitFor()
      await expect(page.locator('nav[data-testid=main-nav] a[aria-current=page]').evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)).resolves.toBe('/scenarios')
      await page.emulateMedia({ media: 'print' })
      await expect(page.locator('nav[data-testid=main-nav]').isVisible()).resolves.toBe(false)
      await page.emulateMedia({ media: 'screen' })
      await context.close()
    })
  }

  it('keeps the last lines of a page above the bottom bar', async () => {
    const context = await newAppContext(browser, { viewport: PHONE, preferences: { mode: 'agent' } })
    const page = await context.newPage()
    await page.goto('/settings')
    await page.locator('#main h1').first().waitFor()
    await page.waitForLoadState('networkidle')
    // Scrolled to the very end, the last control or line of text clears the bar.
    const measure = () =>
      page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight)
        const bar = document.querySelector('nav[data-testid=main-nav]')?.getBoundingClientRect().top ?? 0
        const all = [...document.querySelectorAll<HTMLElement>('#main button, #main a, #main input, #main select, #main p')].filter((el) => el.offsetParent !== null)
        return { bar, last: Math.max(...all.map((el) => el.getBoundingClientRect().bottom)) }
      })
    await expect.poll(async () => { const m = await measure(); return m.last <= m.bar + 1 }).toBe(true)
    const { bar: barTop, last: lastBottom } = await measure()
    expect(lastBottom).toBeLessThanOrEqual(barTop + 1)
    await context.close()
  })
})

describe('header', () => {
  for (const viewport of [PHONE, { width: 768, height: 1024 }, { width: 1024, height: 768 }, DESK]) {
    it(`stays short at « Très grande » text size with the sync status, every destination one or two taps away, at ${viewport.width} px`, async () => {
      for (const locale of LOCALES) {
        const context = await newAppContext(browser, { viewport, preferences: { mode: 'agent', locale, textSize: 'larger' } })
        // A device linked to a structure, with changes waiting: the header shows the sync status.
        await context.addInitScript(() => {
          localStorage.setItem('tandem.sync', JSON.stringify({ enrolled: true, pending: 12, phase: 'idle', problem: null, refused: 0, lastSyncAt: null, progress: null }))
        })
        const page = await context.newPage()
        await page.goto('/')
        const status = page.getByTestId('sync-status')
        await status.waitFor()
        await expect(page.evaluate(() => document.documentElement.dataset.textSize)).resolves.toBe('larger')
        await expect(status.innerText()).resolves.toMatch(/12|١٢/)
        const box = await status.boundingBox()
        expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true)
        const height = await page.locator('header.app-header').evaluate((h) => h.getBoundingClientRect().height)
        // Was 180 px on a phone: now one bar (two short rows at most).
        expect(height, `header height in ${locale}`).toBeLessThanOrEqual(viewport.width < 768 ? 130 : 120)
        console.info(`header at « Très grande », ${viewport.width} px, ${locale}: ${Math.round(height)} px`)
        // Nothing lost to fit: what is not in the row is behind « Plus ».
        const all = await page.locator('nav[data-testid=main-nav] a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
        const shown = (await visibleLinks(page)).map((l) => l.href)
        if ((await page.getByTestId('nav-more').count()) > 0) {
          await page.getByTestId('nav-more').click()
          shown.push(...(await visibleLinks(page)).map((l) => l.href))
        }
        expect([...new Set(shown)].sort(), `every destination at ${viewport.width} px in ${locale}`).toEqual([...new Set(all)].sort())
        for (const link of await visibleLinks(page)) expect(link.clipped, `« ${link.text} » is cut`).toBe(false)
        await context.close()
      }
    })
  }
})

describe('catalogue search on a phone', () => {
  it('shows the results right under the search box, the filters folded', async () => {
    const context = await newAppContext(browser, { viewport: PHONE, preferences: { mode: 'agent' } })
    const page = await context.newPage()
    await page.goto('/scenarios')
    await page.getByTestId('search').fill('mail')
    const first = page.locator('[data-testid=results] li').first()
    await first.waitFor()
    const box = await first.boundingBox()
    // Its title is visible without scrolling, above the bottom bar.
    expect(box && box.y + 60 <= PHONE.height - 70, `first result at ${box?.y}`).toBe(true)
    await expect(page.locator('details[data-testid=filters]').evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false)
    await expect(page.locator('#filter-theme').isVisible()).resolves.toBe(false)
    await page.locator('details[data-testid=filters] > summary').click()
    await expect(page.locator('#filter-theme').isVisible()).resolves.toBe(true)
    await context.close()
  })
})

describe('monthly summary at a desk', () => {
  it('opens on the current month, named in words, with its tables side by side and not overlapping', async () => {
    const context = await newAppContext(browser, { viewport: DESK, preferences: { mode: 'agent' } })
    const page = await context.newPage()
    await page.goto('/stats')
    const link = page.getByTestId('monthly-summary')
    await link.waitFor()
    const month = new Date().toISOString().slice(0, 7)
    await expect(link.getAttribute('href')).resolves.toBe(`/stats/summary/${month}`)
    await link.click()
    await page.locator('.summary__grid table').first().waitFor()
    const title = await page.locator('#main h1').innerText()
    expect(title).not.toMatch(/\d{4}-\d{2}/)
    expect(title).toContain(new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric' }).format(new Date()))
    const boxes = await page.locator('.summary__grid table').evaluateAll((tables) =>
      tables.map((t) => {
        const r = t.getBoundingClientRect()
        // The widest thing inside the table, in case its content spills out of the box.
        const right = Math.max(...[...t.querySelectorAll('th, td, caption')].map((c) => c.getBoundingClientRect().right))
        return { caption: t.querySelector('caption')?.textContent ?? '', left: r.left, right: Math.max(r.right, right), top: r.top, bottom: r.bottom }
      }),
    )
    expect(boxes.some((b, i) => boxes.some((c, j) => i !== j && Math.abs(b.top - c.top) < 2)), 'tables side by side').toBe(true)
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1
        expect(overlap, `« ${a.caption} » overlaps « ${b.caption} »`).toBe(false)
      }
    }
    await context.close()
  })
})
