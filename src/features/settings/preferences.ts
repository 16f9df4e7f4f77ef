// Display preferences of this device: way in, language, text size, contrast.
// They live in localStorage, not IndexedDB, so the first screen renders in the right language,
// direction and size without loading any database code (see docs/architecture.md).
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { LOCALES, type Locale } from '@/ui/i18n'

export { LOCALES, type Locale }

export const MODES = ['agent', 'workshop', 'citizen'] as const
export type Mode = (typeof MODES)[number]
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const
export type TextSize = (typeof TEXT_SIZES)[number]

const STORAGE_KEY = 'tandem.preferences'

interface StoredPreferences {
  mode: Mode | null
  locale: Locale
  textSize: TextSize
  highContrast: boolean
}

const DEFAULTS: StoredPreferences = { mode: null, locale: 'fr', textSize: 'normal', highContrast: false }

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

/** Reads stored preferences, ignoring anything malformed (an older version, a hand edit). */
export function readStoredPreferences(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): StoredPreferences {
  let raw: unknown
  try {
    raw = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null')
  } catch {
    raw = null
  }
  if (!raw || typeof raw !== 'object') return { ...DEFAULTS }
  const r = raw as Record<string, unknown>
  return {
    mode: r.mode === null ? null : MODES.includes(r.mode as Mode) ? (r.mode as Mode) : null,
    locale: pick(r.locale, LOCALES, DEFAULTS.locale),
    textSize: pick(r.textSize, TEXT_SIZES, DEFAULTS.textSize),
    highContrast: r.highContrast === true,
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const initial = readStoredPreferences()
  const mode = ref<Mode | null>(initial.mode)
  const locale = ref<Locale>(initial.locale)
  const textSize = ref<TextSize>(initial.textSize)
  const highContrast = ref(initial.highContrast)

  watch([mode, locale, textSize, highContrast], () => {
    const value: StoredPreferences = { mode: mode.value, locale: locale.value, textSize: textSize.value, highContrast: highContrast.value }
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(value))
    } catch {
      // Storage full or disabled (private mode): the choice still holds for this visit.
    }
  })

  return { mode, locale, textSize, highContrast }
})
