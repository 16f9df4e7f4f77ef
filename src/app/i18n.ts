// vue-i18n set-up: French bundled (default and fallback), English and Arabic loaded on demand.
// Messages are precompiled at build time from locales/*.json (no message compiler shipped).
import { createI18n } from 'vue-i18n'
import fr from '../../locales/fr.json'
import type { Locale } from './preferences'

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
