// vue-i18n set-up: French bundled (default and fallback), English and Arabic loaded on demand.
// Messages are precompiled at build time from locales/*.json (no message compiler shipped).
// In the production build the bundled French is the home route's share only (src/ui/shellMessages.ts);
// every other screen waits for the rest, fetched beside its own chunk (waitForMessagesOnNavigation).
import { createI18n } from 'vue-i18n'
import type { Router } from 'vue-router'
import fr from '../../locales/fr.json'
import { holdsShellOnly } from './shellMessages'
/** The interface languages; French is the source and the fallback. */
export const LOCALES = ['fr', 'en', 'ar'] as const
export type Locale = (typeof LOCALES)[number]

export type MessageSchema = typeof fr

export const RTL_LOCALES: readonly Locale[] = ['ar']

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'fr',
  fallbackLocale: 'fr',
  messages: { fr } as Record<Locale, MessageSchema>,
  missingWarn: false,
  fallbackWarn: false,
})

let frenchRest: Promise<void> | undefined

/**
 * Completes the French messages when the build cut them (scripts/vite-plugin-french-split.ts);
 * nothing to do in tests and in development, where fr.json is whole. French is the fallback of the
 * other languages too, so this runs whatever the interface language. A failed load can be retried.
 */
export function loadAllFrench(): Promise<void> {
  if (!holdsShellOnly(fr)) return Promise.resolve()
  frenchRest ??= import('../../locales/fr.json?rest').then(
    (rest) => i18n.global.mergeLocaleMessage('fr', rest.default),
    (error: unknown) => {
      frenchRest = undefined
      throw error
    },
  )
  return frenchRest
}

/**
 * Every screen but home shows only once the rest of French is there: its download starts as the
 * navigation starts, beside the screen's own chunk (no second round trip), and is awaited last.
 */
export function waitForMessagesOnNavigation(router: Router): void {
  router.beforeEach((to) => {
    if (to.name !== 'home') loadAllFrench().catch(() => undefined)
  })
  router.beforeResolve((to) => (to.name === 'home' ? undefined : loadAllFrench()))
}

const loaders: Record<Exclude<Locale, 'fr'>, () => Promise<{ default: MessageSchema }>> = {
  en: () => import('../../locales/en.json'),
  ar: () => import('../../locales/ar.json'),
}

/** Loads a locale's messages if needed, then switches the interface and the document to it. */
export async function setLocale(locale: Locale): Promise<void> {
  if (locale !== 'fr' && !i18n.global.availableLocales.includes(locale)) {
    const messages = await loaders[locale]()
    i18n.global.setLocaleMessage(locale, messages.default)
  }
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale
    document.documentElement.dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr'
  }
}
