// Turns ranked places into the items src/ui/PlaceList.vue shows, in the interface language.
import type { RouteLocationRaw } from 'vue-router'
import type { Ranked } from '@/lib/places/search'
import type { Place } from '@/schemas/places'
import type { PlaceListItem } from '@/ui/PlaceList.vue'
import { openingText } from './hoursText'

type Translate = (key: string, values?: Record<string, unknown>) => string

export function distanceText(km: number | null, locale: string): string | null {
  if (km === null) return null
  if (km < 1) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.max(50, Math.round(km * 20) * 50))
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: km < 10 ? 1 : 0 }).format(km)
}

export function addressLine(place: Pick<Place, 'address' | 'postcode' | 'commune'>): string {
  return `${place.address}, ${place.postcode} ${place.commune}`
}

export function listItems(ranked: readonly Ranked[], now: Date, t: Translate, locale: string, to: (place: Place) => RouteLocationRaw): PlaceListItem[] {
  return ranked.map(({ place, km }) => {
    const opening = openingText(place, now, t, locale)
    return {
      id: place.id,
      name: place.name,
      address: addressLine(place),
      distance: distanceText(km, locale),
      status: opening.text,
      open: opening.open,
      detail: place.services.map((s) => t(`places.services.${s}`)).join(' · ') || undefined,
      to: to(place),
    }
  })
}
