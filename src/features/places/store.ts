// The places directory screen's state: what was typed, the filters, where « near » is (a commune
// centre, or the device's position when the person allows it, used on the device only), and the
// results. The search itself is pure (src/lib/places/search.ts); reads go through repo.ts.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { useLiveQuery } from '@/db/useLiveQuery'
import { centreKey, centreOf, departementsNear, matchCommunes, matchesFilters, NO_FILTERS, rankByDistance, readQuery, type PlaceFilters, type Point, type Ranked } from '@/lib/places/search'
import type { CommuneCentre, Place, PlaceService } from '@/schemas/places'
import { allCentres, clearPlaces, directorySummary, getPlace, placesByCommunes, placesByDepartements, placesByPostcode, type DirectorySummary } from './repo'

/** How far « near » looks (km): far enough for a rural canton, near enough to stay useful. */
export const NEAR_RADIUS_KM = 30
/** The most places a list shows at once. */
export const RESULTS_LIMIT = 60
/** The last place typed for « near », kept on this device only (never a position). */
const ORIGIN_KEY = 'tandem.places.origin'

export type Origin = { kind: 'commune'; label: string; point: Point } | { kind: 'position'; point: Point }

export type LocateResult = 'ok' | 'denied' | 'unavailable'

export interface SearchOutcome {
  results: Ranked[]
  /** More places matched than shown. */
  more: boolean
  /** The commune the query was read as, when it was a name. */
  commune: CommuneCentre | null
}

/** Reads candidates for a query, filters and ranks them. Exported for the benchmark and tests. */
export async function runSearch(text: string, filters: PlaceFilters, origin: Origin | null, centres: ReadonlyMap<string, CommuneCentre>, now: Date): Promise<SearchOutcome> {
  const query = readQuery(text)
  let candidates: Place[] = []
  let commune: CommuneCentre | null = null
  let from: Point | null = origin?.point ?? null
  if (query.kind === 'postcode') candidates = await placesByPostcode(query.postcode)
  else if (query.kind === 'departement') candidates = await placesByDepartements([query.departement])
  else if (query.kind === 'commune') {
    const found = matchCommunes(centres.values(), query.communeKey)
    commune = found[0] ?? null
    candidates = await placesByCommunes([...new Set(found.map((c) => c.communeKey))])
    from ??= centreOf(commune ?? undefined)
  } else if (from) {
    candidates = await placesByDepartements(departementsNear(from, centres.values(), NEAR_RADIUS_KM))
  }
  // « Near » a point also brings the places of the communes around it.
  if (origin && query.kind !== 'none') {
    const around = await placesByDepartements(departementsNear(origin.point, centres.values(), NEAR_RADIUS_KM))
    const ids = new Set(candidates.map((p) => p.id))
    candidates = candidates.concat(around.filter((p) => !ids.has(p.id)))
  }
  const matching = candidates.filter((p) => matchesFilters(p, filters, now))
  let ranked = rankByDistance(matching, from, centres)
  if (origin && query.kind === 'none') ranked = ranked.filter((r) => r.km === null || r.km <= NEAR_RADIUS_KM)
  return { results: ranked.slice(0, RESULTS_LIMIT), more: ranked.length > RESULTS_LIMIT, commune }
}

function readStoredOrigin(): string {
  try {
    return localStorage.getItem(ORIGIN_KEY) ?? ''
  } catch {
    return ''
  }
}

export const usePlacesStore = defineStore('places', () => {
  const text = ref('')
  const filters = ref<PlaceFilters>({ ...NO_FILTERS })
  const origin = shallowRef<Origin | null>(null)
  const outcome = shallowRef<SearchOutcome>({ results: [], more: false, commune: null })
  const searched = ref(false)
  const centres = shallowRef<Map<string, CommuneCentre>>(new Map())
  const now = ref(new Date())
  const { data: summary, ready } = useLiveQuery<DirectorySummary>(directorySummary, { places: 0, departements: [] })
  const empty = computed(() => ready.value && summary.value.places === 0)

  async function loadCentres(): Promise<Map<string, CommuneCentre>> {
    const list = await allCentres()
    centres.value = new Map(list.map((c) => [centreKey(c.postcode, c.communeKey), c]))
    return centres.value
  }

  async function search(): Promise<void> {
    now.value = new Date()
    const map = centres.value.size > 0 ? centres.value : await loadCentres()
    outcome.value = await runSearch(text.value, filters.value, origin.value, map, now.value)
    searched.value = true
  }

  /** « Near » a commune or postcode typed by the person (its centre from the places' own coordinates). */
  async function setOriginFrom(typed: string): Promise<boolean> {
    const map = centres.value.size > 0 ? centres.value : await loadCentres()
    const query = readQuery(typed)
    let centre: CommuneCentre | undefined
    if (query.kind === 'postcode') centre = [...map.values()].filter((c) => c.postcode === query.postcode && c.located > 0).sort((a, b) => b.places - a.places)[0]
    else if (query.kind === 'commune') centre = matchCommunes(map.values(), query.communeKey).find((c) => c.located > 0)
    const point = centreOf(centre)
    if (!centre || !point) return false
    origin.value = { kind: 'commune', label: centre.commune, point }
    try {
      localStorage.setItem(ORIGIN_KEY, typed)
    } catch {
      // Private mode: it holds for this visit.
    }
    return true
  }

  /** The device's position, when the person allows it; it never leaves the device. */
  async function locate(): Promise<LocateResult> {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return 'unavailable'
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (position) => {
          origin.value = { kind: 'position', point: { latitude: position.coords.latitude, longitude: position.coords.longitude } }
          resolve('ok')
        },
        (error) => resolve(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
        { enableHighAccuracy: false, maximumAge: 10 * 60_000, timeout: 15_000 },
      )
    })
  }

  /** Imports a file on this device; the import code (papaparse, opening_hours) loads only now. */
  async function importFile(file: Blob & { name?: string }) {
    const { importPlacesFile } = await import('./importFile')
    const outcome = await importPlacesFile(file)
    centres.value = new Map()
    return outcome
  }

  async function clearDirectory(): Promise<void> {
    await clearPlaces()
    centres.value = new Map()
    outcome.value = { results: [], more: false, commune: null }
  }

  function clearOrigin(): void {
    origin.value = null
  }

  /** The nearest places offering one of these services (the scenario player's « où aller »). */
  async function nearest(services: readonly PlaceService[], limit = 3): Promise<Ranked[]> {
    if (!origin.value) {
      const stored = readStoredOrigin()
      if (stored) await setOriginFrom(stored)
    }
    const current = origin.value
    if (!current) return []
    const map = centres.value.size > 0 ? centres.value : await loadCentres()
    const candidates = await placesByDepartements(departementsNear(current.point, map.values(), NEAR_RADIUS_KM))
    const offering = candidates.filter((p) => !p.deletedAt && p.services.some((s) => services.includes(s)))
    return rankByDistance(offering, current.point, map).slice(0, limit)
  }

  return {
    text,
    filters,
    origin,
    outcome,
    searched,
    summary,
    ready,
    empty,
    now,
    search,
    setOriginFrom,
    storedOrigin: readStoredOrigin,
    locate,
    clearOrigin,
    importFile,
    clearDirectory,
    nearest,
    get: getPlace,
  }
})
