import { describe, expect, it } from 'vitest'
import { readStoredPreferences } from '@/features/settings/preferences'

const storage = (value: string | null) => ({ getItem: () => value })

describe('stored preferences', () => {
  it('defaults to French, no way in chosen, normal text', () => {
    expect(readStoredPreferences(storage(null))).toEqual({ mode: null, locale: 'fr', textSize: 'normal', highContrast: false })
  })

  it('reads back a valid choice', () => {
    const saved = JSON.stringify({ mode: 'citizen', locale: 'ar', textSize: 'larger', highContrast: true })
    expect(readStoredPreferences(storage(saved))).toEqual({ mode: 'citizen', locale: 'ar', textSize: 'larger', highContrast: true })
  })

  it('ignores malformed or unknown values instead of failing', () => {
    expect(readStoredPreferences(storage('{not json'))).toEqual({ mode: null, locale: 'fr', textSize: 'normal', highContrast: false })
    const odd = JSON.stringify({ mode: 'admin', locale: 'de', textSize: 'huge', highContrast: 'yes' })
    expect(readStoredPreferences(storage(odd))).toEqual({ mode: null, locale: 'fr', textSize: 'normal', highContrast: false })
  })
})
