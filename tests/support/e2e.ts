// Helpers for the end-to-end suite: Debian's Chromium through playwright-core, a page on the
// production build served by the real server, service-worker readiness, offline switching, axe.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { inject } from 'vitest'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export function baseURL(): string {
  return inject('baseURL')
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export interface AppContextOptions {
  url?: string
  viewport?: { width: number; height: number }
  /** Preferences written to localStorage before the app boots (way in, language…). */
  preferences?: Partial<{ mode: 'agent' | 'workshop' | 'citizen' | null; locale: 'fr' | 'en' | 'ar'; textSize: string; highContrast: boolean }>
}

/** A fresh browser profile (its own IndexedDB, caches and service worker). */
export async function newAppContext(browser: Browser, options: AppContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.url ?? baseURL(),
    viewport: options.viewport ?? { width: 1024, height: 768 },
    serviceWorkers: 'allow',
    acceptDownloads: true,
  })
  if (options.preferences) {
    const prefs = { mode: null, locale: 'fr', textSize: 'normal', highContrast: false, ...options.preferences }
    await context.addInitScript((value) => {
      if (!localStorage.getItem('tandem.preferences')) localStorage.setItem('tandem.preferences', value)
    }, JSON.stringify(prefs))
  }
  return context
}

/**
 * Waits until the service worker has installed and activated, i.e. the app shell is precached
 * (navigator.serviceWorker.ready alone can resolve while the worker is still activating).
 */
export async function waitForOfflineReady(page: Page, timeoutMs = 60_000): Promise<void> {
  // Polled from here: page.waitForFunction does not await an async predicate (a pending
  // Promise is truthy), which would return before the precache is complete.
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      return { active: registration?.active?.state ?? null, controlled: navigator.serviceWorker.controller !== null }
    })
    if (state.active === 'activated' && state.controlled) return
    if (Date.now() > deadline) throw new Error(`service worker not ready: ${JSON.stringify(state)}`)
    await page.waitForTimeout(200)
  }
}

/** First visit online, then wait until everything is precached. */
export async function visitAndCache(context: BrowserContext, path = '/'): Promise<Page> {
  const page = await context.newPage()
  await page.goto(path)
  await page.locator('#main h1').first().waitFor()
  await waitForOfflineReady(page)
  return page
}

export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true)
}

/** Serious and critical axe violations on the current page, summarised for the assertion message. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
}

/** Console errors and uncaught exceptions of a page, to assert none happened. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}
