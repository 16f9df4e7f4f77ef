// The catalogue screen's state: entries, translated titles, the search index, filters, and the
// recently used scenarios. Citizen mode only ever lists scenarios written for people on their own.
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'
import { usePreferencesStore } from '@/features/settings/preferences'
import { contentSource, type CatalogueTranslation } from '@/features/scenarios/content'
import type { CatalogueEntry } from '@/features/scenarios/format'
import type { ScenarioProgress } from '@/features/scenarios/progress'
import { recentProgress } from '@/features/scenarios/repo'
import { searchDocuments, type SearchDocument } from '@/features/scenarios/search'
import type { Audience, Device, ScenarioLevel, ScenarioTheme } from '@/features/scenarios/taxonomy'

export interface CatalogueFilters {
  theme: ScenarioTheme | ''
  level: ScenarioLevel | ''
  device: Device | ''
  audience: Audience | ''
}

/** A catalogue card: the entry with the texts to show and the language they are in. */
export interface CatalogueCard extends CatalogueEntry {
  titleLang: string
  summaryLang: string
}

const RECENT_LIMIT = 4

/** Pure filter of entries (exported for tests): `any` devices match every device filter. */
export function matchesFilters(entry: CatalogueEntry, filters: CatalogueFilters, citizen: boolean): boolean {
  if (citizen && !entry.audiences.includes('self')) return false
  if (filters.theme && !entry.themes.includes(filters.theme)) return false
  if (filters.level && entry.level !== filters.level) return false
  if (filters.device && !entry.devices.includes(filters.device) && !entry.devices.includes('any')) return false
  if (filters.audience && !entry.audiences.includes(filters.audience)) return false
  return true
}

export const useScenarioCatalogueStore = defineStore('scenarioCatalogue', () => {
  const preferences = usePreferencesStore()
  const entries = shallowRef<CatalogueEntry[]>([])
  const translations = shallowRef<CatalogueTranslation>({})
  const translationLocale = ref('fr')
  const index = shallowRef<SearchDocument[]>([])
  const indexLocale = ref('')
  const recent = shallowRef<ScenarioProgress[]>([])
  const loaded = ref(false)
  const query = ref('')
  const filters = reactive<CatalogueFilters>({ theme: '', level: '', device: '', audience: '' })

  const citizen = computed(() => preferences.mode === 'citizen')

  /** A card is in one language: translated when both its title and summary are, French otherwise. */
  function card(entry: CatalogueEntry): CatalogueCard {
    const translated = translations.value[entry.id] ?? {}
    const whole = translated.title !== undefined && translated.summary !== undefined
    const lang = whole ? translationLocale.value : 'fr'
    return {
      ...entry,
      title: whole ? (translated.title as string) : entry.title,
      summary: whole ? (translated.summary as string) : entry.summary,
      titleLang: lang,
      summaryLang: lang,
    }
  }

  const available = computed(() => entries.value.filter((entry) => !citizen.value || entry.audiences.includes('self')))

  /** Themes present in the available scenarios, for the theme filter. */
  const themes = computed(() => [...new Set(available.value.flatMap((entry) => entry.themes))])

  const results = computed<CatalogueCard[]>(() => {
    const byId = new Map(entries.value.map((entry) => [entry.id, entry]))
    const ordered = query.value.trim() ? searchDocuments(index.value, query.value).flatMap((id) => byId.get(id) ?? []) : entries.value
    return ordered.filter((entry) => matchesFilters(entry, filters, citizen.value)).map(card)
  })

  const recentCards = computed(() =>
    recent.value.flatMap((progress) => {
      const entry = available.value.find((e) => e.id === progress.scenarioId)
      return entry ? [{ card: card(entry), progress }] : []
    }),
  )

  const filtering = computed(() => query.value.trim() !== '' || Object.values(filters).some((value) => value !== ''))

  async function load(locale: string): Promise<void> {
    const source = await contentSource()
    const [catalogue, documents, progress, translation] = await Promise.all([
      loaded.value ? entries.value : source.catalogue(),
      loaded.value && indexLocale.value === locale ? index.value : source.searchIndex(locale),
      recentProgress(RECENT_LIMIT),
      locale === 'fr' ? {} : source.catalogueTranslation(locale),
    ])
    entries.value = catalogue
    index.value = documents
    indexLocale.value = locale
    recent.value = progress
    translations.value = translation
    translationLocale.value = locale
    loaded.value = true
  }

  function clearFilters(): void {
    query.value = ''
    Object.assign(filters, { theme: '', level: '', device: '', audience: '' })
  }

  return { loaded, query, filters, results, recentCards, themes, citizen, filtering, load, clearFilters }
})
