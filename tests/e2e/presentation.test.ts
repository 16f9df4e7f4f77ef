// The projector as a presentation mode, in Chromium on the production build at 1280 × 800: no
// app chrome, « Suivant » on screen, the main path of a real scenario with its picture and
// checkpoint question, clicker keys, full screen, and the facilitator's notes in a second window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newAppContext } from '../support/e2e'
import { loadScenarioContent } from '../../scripts/vite-plugin-scenarios'
import { mainPath } from '@/features/scenarios/graph'
import { markdownToPlainText } from '@/lib/markdown'

const SCENARIO = 'creer-adresse-mail'
const scenario = loadScenarioContent(process.cwd(), {}).scenarios.find((s) => s.id === SCENARIO)
if (!scenario) throw new Error(`${SCENARIO} is not in content/scenarios`)
const byId = new Map(scenario.steps.map((s) => [s.id, s]))
const main = mainPath(
  scenario.steps.map((s) => ({ id: s.id, next: s.next, choices: s.checkpoint?.choices.map((c) => c.next), end: s.outcome !== undefined })),
  (end) => byId.get(end.id)?.outcome === 'done',
).map((id) => byId.get(id)!)

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Plans a workshop with these scenarios through the form; returns its id. */
async function planWorkshop(page: Page, programme: string[]): Promise<string> {
  await page.goto('/workshops/new')
  const choice = page.locator('#programme-choice')
  await choice.waitFor()
  for (const id of programme) {
    await choice.selectOption(id)
    await page.locator('.programme__add button').click()
  }
  await page.getByTestId('save').click()
  await page.waitForURL(/\/workshops\/[^/]+\?saved=1$/)
  return new URL(page.url()).pathname.split('/')[2] as string
}

describe('projector', () => {
  it('is a presentation: no app chrome, « Suivant » on an 800 px screen, the main path with its picture and question', async () => {
    const context = await newAppContext(browser, { viewport: { width: 1280, height: 800 }, preferences: { mode: 'workshop' } })
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    const id = await planWorkshop(page, [SCENARIO, 'premiers-pas-smartphone'])
    await page.goto(`/workshops/${id}/project`)
    await page.locator('.projector__title').waitFor()
    await expect(page.locator('header, nav, .update-banner, .skip-link').count()).resolves.toBe(0)

    // Every slide of the first scenario: its main path, counted as such, « Suivant » always on screen.
    const seen: string[] = []
    for (const [i, step] of main.entries()) {
      await expect.poll(() => page.locator('.projector__title').innerText()).toBe(step.title)
      await expect(page.getByTestId('projector-where').innerText()).resolves.toContain(`étape ${i + 1} sur ${main.length}`)
      const next = await page.getByTestId('projector-next').boundingBox()
      expect(next && next.y + next.height <= 800, `« Suivant » on screen at « ${step.title} »`).toBe(true)
      await expect(page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).resolves.toBe(true)
      if (step.illustration) {
        await expect(page.getByTestId('projector-picture').getAttribute('alt')).resolves.toBe(step.illustrationAlt ?? '')
        await expect(page.getByTestId('projector-picture').evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).resolves.toBe(true)
      }
      if (step.checkpoint) {
        const question = page.getByTestId('projector-question')
        await expect(question.innerText()).resolves.toContain(step.checkpoint.question)
        await expect(question.locator('li').allInnerTexts()).resolves.toEqual(step.checkpoint.choices.map((c) => c.label))
      }
      seen.push(step.title)
      await page.keyboard.press(i % 3 === 0 ? 'PageDown' : i % 3 === 1 ? 'ArrowRight' : 'Space')
    }
    // Dead ends and detours were never projected; the next scenario starts at its step 1.
    expect(seen).toEqual(main.map((s) => s.title))
    expect(main.length).toBeLessThan(scenario.steps.length)
    await expect(page.getByTestId('projector-where').innerText()).resolves.toMatch(/^Parcours 2 sur 2 · étape 1 sur \d+/)
    await page.keyboard.press('PageUp')
    await expect.poll(() => page.locator('.projector__title').innerText()).toBe(main[main.length - 1]!.title)
    expect(errors).toEqual([])
    await context.close()
  })

  it('goes full screen from its button, leaves it with Escape, and follows in a notes window', async () => {
    const context = await newAppContext(browser, { viewport: { width: 1280, height: 800 }, preferences: { mode: 'workshop' } })
    const page = await context.newPage()
    const id = await planWorkshop(page, [SCENARIO])
    await page.goto(`/workshops/${id}/project`)
    await page.locator('.projector__title').waitFor()

    await page.getByTestId('projector-fullscreen').click()
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null)).toBe('projector')
    await expect.poll(() => page.getByTestId('projector-fullscreen').innerText()).toBe('Quitter le plein écran')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null), { timeout: 5000 }).toBe(true)
    await expect.poll(() => page.getByTestId('projector-fullscreen').innerText()).toBe('Plein écran')

    const [notes] = await Promise.all([context.waitForEvent('page'), page.getByTestId('projector-notes').click()])
    await notes.waitForLoadState()
    expect(new URL(notes.url()).pathname).toBe(`/workshops/${id}/notes`)
    await expect.poll(() => notes.getByTestId('notes-step').innerText()).toBe(main[0]!.title)
    const flat = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim()
    await expect(notes.getByTestId('notes-note').innerText().then(flat)).resolves.toBe(main[0]!.agentNote ? flat(markdownToPlainText(main[0]!.agentNote)) : 'Pas de note pour cette étape.')
    await page.keyboard.press('PageDown')
    await expect.poll(() => notes.getByTestId('notes-step').innerText()).toBe(main[1]!.title)
    // The notes never reach the room's screen.
    const projected = await page.locator('#main').innerText()
    for (const step of scenario.steps) if (step.agentNote) expect(projected).not.toContain(step.agentNote.slice(0, 40))
    await context.close()
  })
})
