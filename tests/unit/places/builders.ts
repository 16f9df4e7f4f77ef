// Small builders of places for the search and repository tests.
import type { Place } from '@/schemas/places'
import { parseOpeningHours } from '@/lib/places/parseHours'
import { searchKey } from '@/lib/places/normalise'

let n = 0
export function aPlace(overrides: Partial<Place> & { horaires?: string } = {}): Place {
  n += 1
  const { horaires, ...rest } = overrides
  const parsed = horaires ? parseOpeningHours(horaires) : null
  const name = rest.name ?? `Lieu ${n}`
  const commune = rest.commune ?? 'Vals-les-Bains'
  return {
    id: `01J${String(n).padStart(23, '0')}`,
    structureId: null,
    authorId: 'device',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    deletedAt: null,
    rev: null,
    kind: 'lieu',
    sourceId: `lieu-${n}`,
    pivot: null,
    name,
    commune,
    postcode: '07600',
    inseeCode: null,
    departement: '07',
    address: `${n} rue de la Gare`,
    addressComplement: null,
    latitude: 44.6651,
    longitude: 4.366,
    typologies: [],
    phone: null,
    emails: [],
    websites: [],
    hoursText: horaires ?? null,
    hours: parsed && parsed.ok ? parsed.hours : null,
    summary: null,
    description: null,
    source: null,
    parent: null,
    updatedOn: '2026-10-01',
    services: ['acces_internet'],
    publics: [],
    supports: [],
    costs: [],
    programmes: [],
    labels: [],
    otherLabels: [],
    access: [],
    modalities: [],
    mobility: [],
    accessibilityUrl: null,
    bookingUrl: null,
    otherValues: [],
    nameKey: searchKey(name),
    communeKey: searchKey(commune),
    ...rest,
  }
}
