// « Où trouver de l'aide » in the player: the nearest places offering a service of the
// scenario's themes, near the commune typed on this device; nothing when the directory is empty.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { h } from 'vue'
import { i18n } from '@/ui/i18n'
import type { TandemDatabase } from '@/db/database'
import { saveImportedPlaces } from '@/features/places/repo'
import { importRows } from '@/lib/places/importRows'
import { parseOpeningHours } from '@/lib/places/parseHours'
import NearbyHelp from '@/features/scenarios/components/NearbyHelp.vue'
import { freshDatabase, settle, until } from '../harness'

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
  localStorage.clear()
})
afterEach(async () => {
  wrapper?.unmount()
  database.close()
  await database.delete()
})

async function mountPanel(themes: string[]) {
  const stub = { render: () => h('p') }
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: stub }, { path: '/places', name: 'places', component: stub }, { path: '/places/:id', name: 'place-detail', component: stub }] })
  setActivePinia(createPinia())
  await router.push('/')
  wrapper = mount(NearbyHelp, { props: { themes, citizen: true }, global: { plugins: [router, i18n] } })
  await settle()
  return wrapper
}

it('lists the nearest places that help with the scenario’s themes, once a commune is given', async () => {
  const at = (id: string, nom: string, lat: string, services: string) => ({ id, nom, pivot: '21070334000016', adresse: '1 rue', commune: 'Vals-les-Bains', code_postal: '07600', latitude: lat, longitude: '4.366', date_maj: '2026-10-01', services })
  const { places } = importRows(
    [
      at('far', 'France Services loin', '44.90', 'Aide aux démarches administratives'),
      at('near', 'France Services près', '44.666', 'Aide aux démarches administratives'),
      at('wifi', 'Point wifi', '44.665', 'Accès internet et matériel informatique'),
    ],
    { parseHours: parseOpeningHours },
  )
  await saveImportedPlaces(places)
  const w = await mountPanel(['aide_aux_demarches_administratives'])
  await until(() => w.find('#nearby-where').exists())
  await w.find('#nearby-where').setValue('07600')
  await w.find('form').trigger('submit')
  await until(() => w.findAll('[data-testid="place-list"] li').length === 2)
  expect(w.findAll('[data-testid="place-list"] li a').map((a) => a.text())).toEqual(['France Services près', 'France Services loin'])
  expect(w.find('[data-testid="place-list"] a').attributes('href')).toContain('mode=self')
  expect(localStorage.getItem('tandem.places.origin')).toBe('07600')
})

it('says the directory is not on the device yet, and invents nothing', async () => {
  const w = await mountPanel(['email'])
  await until(() => w.text().includes('L’annuaire des lieux n’est pas encore sur cet appareil'))
  expect(w.find('[data-testid="place-list"]').exists()).toBe(false)
})
