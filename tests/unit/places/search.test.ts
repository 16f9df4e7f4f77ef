// The offline search: reading a query, filters, and distance ordering against known coordinates.
import { describe, expect, it } from 'vitest'
import { adjustCentre, centreKey, distanceKm, matchCommunes, matchesFilters, NO_FILTERS, rankByDistance, readQuery } from '@/lib/places/search'
import type { CommuneCentre } from '@/schemas/places'
import { aPlace } from './builders'

const MONDAY_10 = new Date(2026, 10, 30, 10, 0)
const MONDAY_20 = new Date(2026, 10, 30, 20, 0)

describe('reading what was typed', () => {
  it.each([
    ['07600', { kind: 'postcode', postcode: '07600' }],
    ['7600', { kind: 'postcode', postcode: '07600' }],
    ['07', { kind: 'departement', departement: '07' }],
    ['2a', { kind: 'departement', departement: '2A' }],
    ['974', { kind: 'departement', departement: '974' }],
    ['  Saint-Agrève ', { kind: 'commune', communeKey: 'saint agreve' }],
    ['St Agrève', { kind: 'commune', communeKey: 'saint agreve' }],
    ['', { kind: 'none' }],
  ])('reads %j', (text, query) => {
    expect(readQuery(text)).toEqual(query)
  })
})

describe('filters', () => {
  const library = aPlace({ services: ['acces_internet', 'outils_quotidien'], publics: ['seniors'], horaires: 'Mo-Fr 09:00-17:00' })

  it('keeps a place offering every service and public asked for', () => {
    expect(matchesFilters(library, { ...NO_FILTERS, services: ['acces_internet'], publics: ['seniors'] }, MONDAY_10)).toBe(true)
    expect(matchesFilters(library, { ...NO_FILTERS, services: ['acces_internet', 'aide_demarches'] }, MONDAY_10)).toBe(false)
    expect(matchesFilters(library, { ...NO_FILTERS, publics: ['jeunes'] }, MONDAY_10)).toBe(false)
  })

  it('filters on « ouvert maintenant » and on a day', () => {
    expect(matchesFilters(library, { ...NO_FILTERS, openNow: true }, MONDAY_10)).toBe(true)
    expect(matchesFilters(library, { ...NO_FILTERS, openNow: true }, MONDAY_20)).toBe(false)
    expect(matchesFilters(library, { ...NO_FILTERS, day: 4 }, MONDAY_20)).toBe(true)
    expect(matchesFilters(library, { ...NO_FILTERS, day: 5 }, MONDAY_20)).toBe(false)
  })

  it('keeps a place whose hours are only text in the list, but never as open now', () => {
    const text = aPlace({ horaires: 'horaires : voir ci-dessous' })
    expect(text.hours).toBeNull()
    expect(matchesFilters(text, NO_FILTERS, MONDAY_10)).toBe(true)
    expect(matchesFilters(text, { ...NO_FILTERS, openNow: true }, MONDAY_10)).toBe(false)
  })

  it('never shows a deleted place', () => {
    expect(matchesFilters(aPlace({ deletedAt: '2026-11-30T10:00:00.000Z' }), NO_FILTERS, MONDAY_10)).toBe(false)
  })
})

describe('distance', () => {
  const VALS = { latitude: 44.6651, longitude: 4.366 }
  const AUBENAS = { latitude: 44.6203, longitude: 4.3903 }
  const PRIVAS = { latitude: 44.7353, longitude: 4.5992 }
  const LYON = { latitude: 45.764, longitude: 4.8357 }
  const PARIS = { latitude: 48.8566, longitude: 2.3522 }

  it('measures known distances within a few hundred metres', () => {
    expect(distanceKm(PARIS, LYON)).toBeCloseTo(392, -1)
    expect(distanceKm(VALS, AUBENAS)).toBeCloseTo(5.4, 0)
    expect(distanceKm(VALS, VALS)).toBe(0)
  })

  it('orders places nearest first, those with no known position last', () => {
    const places = [
      aPlace({ name: 'Lyon', latitude: LYON.latitude, longitude: LYON.longitude }),
      aPlace({ name: 'Nowhere', latitude: null, longitude: null, postcode: '99999', communeKey: 'nulle part' }),
      aPlace({ name: 'Privas', latitude: PRIVAS.latitude, longitude: PRIVAS.longitude }),
      aPlace({ name: 'Aubenas', latitude: AUBENAS.latitude, longitude: AUBENAS.longitude }),
    ]
    const ranked = rankByDistance(places, VALS, new Map())
    expect(ranked.map((r) => r.place.name)).toEqual(['Aubenas', 'Privas', 'Lyon', 'Nowhere'])
    expect(ranked[0]!.km).toBeCloseTo(5.4, 0)
    expect(ranked[3]!.km).toBeNull()
  })

  it('places a place without coordinates at its commune centre, built from the other places', () => {
    const located = [aPlace({ latitude: 44.62, longitude: 4.39, commune: 'Aubenas', communeKey: 'aubenas', postcode: '07200' }), aPlace({ latitude: 44.6206, longitude: 4.3906, commune: 'Aubenas', communeKey: 'aubenas', postcode: '07200' })]
    const unlocated = aPlace({ name: 'Sans coordonnées', latitude: null, longitude: null, commune: 'Aubenas', communeKey: 'aubenas', postcode: '07200' })
    let centre: CommuneCentre | undefined
    for (const p of [...located, unlocated]) centre = adjustCentre(centre, p, 1)
    expect(centre).toMatchObject({ places: 3, located: 2 })
    const centres = new Map([[centreKey('07200', 'aubenas'), centre!]])
    const [ranked] = rankByDistance([unlocated], VALS, centres)
    expect(ranked!.km).toBeCloseTo(5.4, 0)
    expect(matchCommunes(centres.values(), 'aub').map((c) => c.commune)).toEqual(['Aubenas'])
  })
})
