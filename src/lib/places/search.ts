// Searching the places directory offline: what a query means (postcode, département, commune),
// filters (service, public, open now, open on a day), distances and their order. Pure: the
// store feeds it rows read through the places repository.
import type { CommuneCentre, Place, PlacePublic, PlaceService } from '../../schemas/places.ts'
import { isOpenAt, opensOnDay } from './hours.ts'
import { searchKey } from './normalise.ts'

export type PlaceQuery =
  | { kind: 'postcode'; postcode: string }
  | { kind: 'departement'; departement: string }
  | { kind: 'commune'; communeKey: string }
  | { kind: 'none' }

/** « 07600 », « 7600 » (a lost zero), « 07 » or « 2A », or a commune name (any case or accents). */
export function readQuery(text: string): PlaceQuery {
  const trimmed = text.trim()
  if (/^\d{5}$/.test(trimmed)) return { kind: 'postcode', postcode: trimmed }
  if (/^\d{4}$/.test(trimmed)) return { kind: 'postcode', postcode: `0${trimmed}` }
  if (/^(\d{2}|9[78]\d|2[AaBb])$/.test(trimmed)) return { kind: 'departement', departement: trimmed.toUpperCase() }
  const key = searchKey(trimmed)
  return key.length >= 2 ? { kind: 'commune', communeKey: key } : { kind: 'none' }
}

export interface PlaceFilters {
  services: readonly PlaceService[]
  publics: readonly PlacePublic[]
  openNow: boolean
  /** Open at some time on this weekday (0 Monday … 6 Sunday), or null. */
  day: number | null
}

export const NO_FILTERS: PlaceFilters = { services: [], publics: [], openNow: false, day: null }

/** Every service and public asked for, open now and on the day when asked. A place with no hours is never « open now ». */
export function matchesFilters(place: Place, filters: PlaceFilters, now: Date): boolean {
  if (place.deletedAt) return false
  if (filters.services.some((s) => !place.services.includes(s))) return false
  if (filters.publics.some((p) => !place.publics.includes(p))) return false
  if (filters.openNow && !isOpenAt(place.hours, now)) return false
  if (filters.day !== null && !opensOnDay(place.hours, filters.day)) return false
  return true
}

export interface Point {
  latitude: number
  longitude: number
}

const EARTH_RADIUS_KM = 6371

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export const centreKey = (postcode: string, communeKey: string) => `${postcode}|${communeKey}`

/** The centre of a commune, or null when none of its places has coordinates. */
export function centreOf(centre: CommuneCentre | undefined): Point | null {
  if (!centre || centre.located === 0) return null
  return { latitude: centre.latSum / centre.located, longitude: centre.lonSum / centre.located }
}

/** Where a place is: its own coordinates, else its commune's centre. */
export function positionOf(place: Place, centres: ReadonlyMap<string, CommuneCentre>): Point | null {
  if (place.latitude !== null && place.longitude !== null) return { latitude: place.latitude, longitude: place.longitude }
  return centreOf(centres.get(centreKey(place.postcode, place.communeKey)))
}

export interface Ranked {
  place: Place
  /** Null when neither the place nor its commune has coordinates. */
  km: number | null
}

/** Nearest first; places with no known position last, by name. Ties by name then id, so the order is stable. */
export function rankByDistance(places: readonly Place[], origin: Point | null, centres: ReadonlyMap<string, CommuneCentre>): Ranked[] {
  const ranked = places.map((place) => {
    const at = origin ? positionOf(place, centres) : null
    return { place, km: origin && at ? distanceKm(origin, at) : null }
  })
  return ranked.sort((a, b) => {
    if (a.km !== null && b.km !== null && a.km !== b.km) return a.km - b.km
    if (a.km === null && b.km !== null) return 1
    if (b.km === null && a.km !== null) return -1
    return a.place.nameKey.localeCompare(b.place.nameKey) || a.place.id.localeCompare(b.place.id)
  })
}

/**
 * Where to look for places near a point: the départements with a commune centre within
 * `radiusKm`, and always the département of the nearest centre (a commune's centre may lie
 * farther than some of its places).
 */
export function departementsNear(origin: Point, centres: Iterable<CommuneCentre>, radiusKm: number): string[] {
  const out = new Set<string>()
  let nearest: { km: number; departement: string } | null = null
  for (const centre of centres) {
    const at = centreOf(centre)
    if (!at) continue
    const km = distanceKm(origin, at)
    if (km <= radiusKm) out.add(centre.departement)
    if (!nearest || km < nearest.km) nearest = { km, departement: centre.departement }
  }
  if (nearest) out.add(nearest.departement)
  return [...out]
}

/** The communes whose key starts with the typed key (« saint ag » finds Saint-Agrève), best match first. */
export function matchCommunes(centres: Iterable<CommuneCentre>, communeKey: string, limit = 8): CommuneCentre[] {
  const found: CommuneCentre[] = []
  for (const centre of centres) if (centre.communeKey.startsWith(communeKey) || centre.communeKey.includes(` ${communeKey}`)) found.push(centre)
  return found
    .sort((a, b) => Number(b.communeKey === communeKey) - Number(a.communeKey === communeKey) || b.places - a.places || a.communeKey.localeCompare(b.communeKey))
    .slice(0, limit)
}

/** Adds or removes a place from its commune's centre (the derived table kept in step with places). */
export function adjustCentre(centre: CommuneCentre | undefined, place: Place, sign: 1 | -1): CommuneCentre {
  const base: CommuneCentre = centre ?? {
    key: centreKey(place.postcode, place.communeKey),
    postcode: place.postcode,
    communeKey: place.communeKey,
    commune: place.commune,
    departement: place.departement,
    latSum: 0,
    lonSum: 0,
    located: 0,
    places: 0,
  }
  const located = place.latitude !== null && place.longitude !== null
  return {
    ...base,
    commune: sign > 0 ? place.commune : base.commune,
    latSum: base.latSum + (located ? sign * (place.latitude as number) : 0),
    lonSum: base.lonSum + (located ? sign * (place.longitude as number) : 0),
    located: base.located + (located ? sign : 0),
    places: base.places + sign,
  }
}
