// The scenario library in English and Arabic, in real Chromium on the production build: the
// Arabic catalogue lists every scenario with an Arabic title, a scenario played to its end in
// Arabic never shows a French step, and search finds scenarios by words of the reader's language.
// The number of scenarios is read from content/scenarios, so the test follows the library.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newAppContext } from '../support/e2e'

const SCENARIO_COUNT = readdirSync(fileURLToPath(new URL('../../content/scenarios/', import.meta.url))).filter((name) => name.endsWith('.yaml')).length
const ARABIC = /\p{Script=Arabic}/u
const HATE = 'signaler-contenu-haineux'
const EMAIL = 'creer-adresse-mail'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const cards = (page: Page) => page.locator('[data-testid=results] [data-scenario]')

async function resultsFor(page: Page, query: string): Promise<string[]> {
  await page.getByTestId('search').fill(query)
  // The count line is a live region updated with the results.
  await page.waitForTimeout(150)
  return cards(page).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-scenario') ?? ''))
}

describe('scenarios in English and Arabic', () => {
  it('lists every scenario in the Arabic catalogue with an Arabic title and summary', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'agent', locale: 'ar' } })
    const page = await context.newPage()
    await page.goto('/scenarios')
    await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(SCENARIO_COUNT)
    const shown = await cards(page).evaluateAll((nodes) =>
      nodes.map((node) => {
        const title = node.querySelector('.title')
        const summary = node.querySelector('.summary')
        return { id: node.getAttribute('data-scenario'), title: title?.textContent ?? '', titleLang: title?.getAttribute('lang'), summaryLang: summary?.getAttribute('lang') }
      }),
    )
    const notArabic = shown.filter((card) => card.titleLang !== 'ar' || card.summaryLang !== 'ar' || !ARABIC.test(card.title))
    expect(notArabic).toEqual([])
    await context.close()
  })

  it('plays a scenario to its end in Arabic without a single French step', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'agent', locale: 'ar' } })
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await page.goto(`/scenarios/${HATE}`)
    await expect(page.locator('#main h1').first().getAttribute('lang')).resolves.toBe('ar')
    await page.getByTestId('start').click()
    const seen: string[] = []
    for (let moves = 0; moves < 30; moves++) {
      await page.getByTestId('step-title').waitFor()
      const step = page.locator('article[data-step]')
      const id = (await step.getAttribute('data-step')) ?? ''
      seen.push(id)
      // Every piece of content carrying a language is Arabic, right to left (the agent note included).
      const langs = await step.locator('[lang]').evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('lang')}/${getComputedStyle(node).direction}`))
      expect(new Set(langs), `step ${id}`).toEqual(new Set(['ar/rtl']))
      expect(ARABIC.test(await page.getByTestId('step-title').innerText()), `title of ${id}`).toBe(true)
      // The simplified version is Arabic too, checkpoint included.
      await page.getByTestId('easy-read').click()
      expect(ARABIC.test(await page.getByTestId('step-body').innerText()), `easy-read of ${id}`).toBe(true)
      await page.getByTestId('easy-read').click()
      if ((await page.locator('[data-outcome]').count()) > 0) break
      const before = page.url()
      const choice = page.getByTestId('choice').first()
      if (await choice.count()) await choice.click()
      else await page.getByTestId('next').click()
      await page.waitForURL((url) => url.href !== before)
    }
    await expect(page.locator('[data-outcome]').getAttribute('data-outcome')).resolves.toMatch(/^(done|needs-help|refer)$/)
    expect(seen.length).toBeGreaterThan(2)
    expect(errors).toEqual([])
    await context.close()
  })

  it('finds scenarios by English words in English', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'agent', locale: 'en' } })
    const page = await context.newPage()
    await page.goto('/scenarios')
    await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(SCENARIO_COUNT)
    expect(await resultsFor(page, 'hateful')).toContain(HATE)
    expect(await resultsFor(page, 'cyberbullying')).toContain(HATE)
    expect((await resultsFor(page, 'email address'))[0]).toBe(EMAIL)
    // An English card shows its English title.
    await expect(page.locator(`[data-testid=results] [data-scenario=${EMAIL}] .title`).innerText()).resolves.toBe('Create an email address')
    await context.close()
  })

  it('finds scenarios by Arabic words in Arabic, with or without short vowels and the article', async () => {
    const context = await newAppContext(browser, { preferences: { mode: 'agent', locale: 'ar' } })
    const page = await context.newPage()
    await page.goto('/scenarios')
    await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(SCENARIO_COUNT)
    expect(await resultsFor(page, 'كراهية')).toContain(HATE)
    expect(await resultsFor(page, 'الكَرَاهِيَة')).toContain(HATE)
    expect(await resultsFor(page, 'بريد إلكتروني')).toContain(EMAIL)
    expect(await resultsFor(page, 'البريد')).toContain(EMAIL)
    await context.close()
  })
})
