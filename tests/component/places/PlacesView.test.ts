// The directory screens: search by postcode with filters, a place's detail with « Orienter ici »,
// an invalid hours text shown as text without breaking the list, and the empty directory.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type RouteLocationRaw } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/ui/i18n'
import type { TandemDatabase } from '@/db/database'
import { routes as placesRoutes } from '@/features/places/routes'
import { saveImportedPlaces } from '@/features/places/repo'
import { importRows } from '@/lib/places/importRows'
import { parseOpeningHours } from '@/lib/places/parseHours'
import { freshDatabase, settle, until } from '../harness'

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
  // Monday 30 November 2026, 10:00: the library is open, the town hall is closed.
  vi.useFakeTimers({ now: new Date(2026, 10, 30, 10, 0), toFake: ['Date'] })
})
afterEach(async () => {
  vi.useRealTimers()
  wrapper?.unmount()
  wrapper = undefined
  database.close()
  await database.delete()
})

const stub = (name: string, path: string) => ({ path, name, component: { render: () => h('p', { 'data-testid': `stub-${name}` }, name) } })

async function mountAt(to: RouteLocationRaw) {
  const router = createRouter({ history: createMemoryHistory(), routes: [stub('home', '/'), stub('settings', '/settings'), stub('accompaniment-new', '/accompaniments/new'), ...placesRoutes] })
  setActivePinia(createPinia())
  await router.push(to)
  await router.isReady()
  const w = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] }, attachTo: document.body })
  await settle()
  return { w, router }
}

async function seed(): Promise<void> {
  const row = (over: Record<string, string>) => ({ pivot: '21070334000016', commune: 'Vals-les-Bains', code_postal: '07600', date_maj: '2026-10-01', latitude: '44.6651', longitude: '4.366', ...over })
  const { places } = importRows(
    [
      row({ id: 'bib', nom: 'Médiathèque', adresse: '2 place de la Mairie', horaires: 'Mo-Fr 09:00-17:00', services: 'Accès internet et matériel informatique', telephone: '04 75 37 00 00' }),
      row({ id: 'mairie', nom: 'Mairie', adresse: '1 place de la Mairie', horaires: 'Tu 14:00-17:00', services: 'Accès internet et matériel informatique|Aide aux démarches administratives' }),
      row({ id: 'asso', nom: 'Association Clic', adresse: '3 rue Haute', horaires: 'horaires : voir ci-dessous', services: 'Accès internet et matériel informatique' }),
      row({ id: 'fs', nom: 'France Services', adresse: '4 rue Basse', horaires: 'Mo-Fr 08:30-12:00', services: 'Aide aux démarches administratives' }),
      row({ id: 'loin', nom: 'Loin', adresse: '1 rue', code_postal: '26000', commune: 'Valence', horaires: 'Mo-Fr 09:00-17:00', services: 'Accès internet et matériel informatique' }),
    ],
    { parseHours: parseOpeningHours },
  )
  await saveImportedPlaces(places)
}

const names = (w: VueWrapper) => w.findAll('[data-testid="place-list"] li a').map((a) => a.text())

describe('places directory', () => {
  it('searches by postcode, filters wifi and « ouvert maintenant », and says each place’s hours in words', async () => {
    await seed()
    const { w } = await mountAt({ name: 'places' })
    wrapper = w
    await until(() => w.find('#places-query').exists())
    await w.find('#places-query').setValue('7600')
    await w.find('form[role="search"]').trigger('submit')
    await until(() => names(w).length === 4)
    expect(names(w).sort()).toEqual(['Association Clic', 'France Services', 'Mairie', 'Médiathèque'])
    const status = (name: string) => w.findAll('[data-testid="place-list"] li').find((li) => li.text().includes(name))!.find('[data-testid="place-status"]').text()
    expect(status('Médiathèque')).toContain('Ouvert jusqu’à 17 h')
    expect(status('Mairie')).toContain('Fermé — ouvre demain à 14 h')
    // A text the OpenStreetMap syntax refuses does not break the list.
    expect(status('Association Clic')).toContain('Horaires : voir ci-dessous')

    await w.find('button.chip[data-value="acces_internet"]').trigger('click')
    await until(() => names(w).length === 3)
    await w.find('[data-testid="open-now"]').setValue(true)
    await until(() => names(w).length === 1)
    expect(names(w)).toEqual(['Médiathèque'])
    expect(w.find('[data-testid="places-count"]').text()).toBe('1 lieu trouvé')
  })

  it('opens a place: address, hours by day, phone link, services, the data’s date, and « Orienter ici » back to the form', async () => {
    await seed()
    const { w, router } = await mountAt({ name: 'places', query: { q: '07600', return: '/accompaniments/new?draft=D1' } })
    wrapper = w
    await until(() => names(w).length === 4)
    expect(w.find('[data-testid="choosing"]').exists()).toBe(true)
    await w.findAll('[data-testid="place-list"] li a').find((a) => a.text() === 'Médiathèque')!.trigger('click')
    await until(() => w.find('[data-testid="place-name"]').exists())
    expect(w.find('[data-testid="place-name"]').text()).toBe('Médiathèque')
    expect(w.find('[data-testid="place-phone"]').attributes('href')).toBe('tel:+33475370000')
    expect(w.find('[data-testid="place-week"]').text()).toContain('lundi 9 h – 17 h')
    expect(w.find('[data-testid="place-week"]').text()).toContain('samedi fermé')
    expect(w.text()).toContain('Accès internet, wifi et ordinateurs')
    expect(w.find('[data-testid="place-date"]').text()).toContain('1 octobre 2026')
    await w.find('[data-testid="refer-here"]').trigger('click')
    await until(() => router.currentRoute.value.name === 'accompaniment-new')
    expect(router.currentRoute.value.query).toMatchObject({ draft: 'D1', place: expect.stringMatching(/^[0-7][0-9A-Z]{25}$/) })
  })

  it('shows hours it could not read as text, under « horaires : voir ci-dessous »', async () => {
    await seed()
    const { w } = await mountAt({ name: 'places', query: { q: '07600' } })
    wrapper = w
    await until(() => names(w).length === 4)
    await w.findAll('[data-testid="place-list"] li a').find((a) => a.text() === 'Association Clic')!.trigger('click')
    await until(() => w.find('[data-testid="hours-text"]').exists())
    expect(w.text()).toContain('Horaires : voir ci-dessous')
    expect(w.find('[data-testid="hours-text"]').text()).toBe('horaires : voir ci-dessous')
  })

  it('hides « Orienter ici » in citizen mode', async () => {
    await seed()
    const { w } = await mountAt({ name: 'places', query: { q: '07600', mode: 'self' } })
    wrapper = w
    await until(() => names(w).length === 4)
    expect(w.find('h1').text()).toBe('Trouver de l’aide près de chez moi')
    await w.findAll('[data-testid="place-list"] li a')[0]!.trigger('click')
    await until(() => w.find('[data-testid="place-name"]').exists())
    expect(w.find('[data-testid="refer-here"]').exists()).toBe(false)
  })

  it('sorts by distance from the device’s position when allowed, and says so when refused', async () => {
    const row = (id: string, nom: string, postcode: string, lat: string, lon: string) => ({ id, nom, pivot: '21070334000016', adresse: '1 rue', commune: nom, code_postal: postcode, latitude: lat, longitude: lon, date_maj: '2026-10-01' })
    const { places } = importRows([row('a', 'Privas', '07000', '44.7353', '4.5992'), row('b', 'Aubenas', '07200', '44.6203', '4.3903'), row('c', 'Lyon', '69001', '45.7640', '4.8357')], { parseHours: parseOpeningHours })
    await saveImportedPlaces(places)
    let answer: 'ok' | 'denied' = 'ok'
    const geolocation = {
      getCurrentPosition: (ok: PositionCallback, fail: PositionErrorCallback) => {
        if (answer === 'ok') ok({ coords: { latitude: 44.6651, longitude: 4.366 } } as GeolocationPosition)
        else fail({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError)
      },
    }
    Object.defineProperty(navigator, 'geolocation', { value: geolocation, configurable: true })
    const { w } = await mountAt({ name: 'places' })
    wrapper = w
    await until(() => w.find('[data-testid="near-me"]').exists())
    await w.find('[data-testid="near-me"]').trigger('click')
    // Lyon is beyond 30 km: only the places around are listed, nearest first.
    await until(() => names(w).length === 2)
    expect(names(w)).toEqual(['Aubenas', 'Privas'])
    expect(w.find('[data-testid="place-list"] li').text()).toMatch(/5,\d\s?km/u)
    expect(w.find('[data-testid="origin"]').text()).toContain('votre position')
    answer = 'denied'
    await w.find('[data-testid="near-me"]').trigger('click')
    await until(() => w.find('[role="alert"]').exists())
    expect(w.find('[role="alert"]').text()).toContain('La position n’est pas autorisée')
  })

  it('says how to get the real directory when it is empty, and invents nothing', async () => {
    const { w } = await mountAt({ name: 'places' })
    wrapper = w
    await until(() => w.find('[data-testid="places-empty"]').exists())
    expect(w.text()).toContain('data.gouv.fr')
    expect(w.find('[data-testid="place-list"]').exists()).toBe(false)
  })
})
