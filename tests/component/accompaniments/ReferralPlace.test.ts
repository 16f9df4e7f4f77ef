// Back from the places directory with `place=<id>`: the accompaniment is referred there, the
// place's name kept in the log (readable after the directory changes) and shown in its detail.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { TandemDatabase } from '@/db/database'
import { saveImportedPlaces, clearPlaces } from '@/features/places/repo'
import { importRows } from '@/lib/places/importRows'
import { parseOpeningHours } from '@/lib/places/parseHours'
import { flushUnsavedInput } from '@/lib/unsaved'
import { freshDatabase, mountAt, until } from '../harness'

vi.mock('@/features/scenarios/catalogueLookup', () => ({ scenarioThemes: async () => [], scenarioMainThemes: async () => [], listScenarios: async () => [], scenarioSteps: async () => null }))

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
})
afterEach(async () => {
  wrapper?.unmount()
  wrapper = undefined
  database.close()
  await database.delete()
})

it('records the chosen place with its name, which the log keeps after the directory is emptied', async () => {
  const { places } = importRows([{ id: 'bib', pivot: '21070334000016', nom: 'Médiathèque de Vals', adresse: '2 place', commune: 'Vals-les-Bains', code_postal: '07600', date_maj: '2026-10-01' }], { parseHours: parseOpeningHours })
  await saveImportedPlaces(places)
  const placeId = places[0]!.id
  const { wrapper: w, router } = await mountAt({ name: 'accompaniment-new', query: { place: placeId } })
  wrapper = w
  await until(() => w.find('[data-testid="referral-place"]').exists())
  expect(w.find('[data-testid="referral-place"]').text()).toContain('Lieu : Médiathèque de Vals')
  expect(router.currentRoute.value.query.place).toBeUndefined()
  const chip = (value: string) => w.find(`button.chip[data-value="${value}"]`)
  await chip('30').trigger('click')
  await chip('email').trigger('click')
  await chip('resolu').trigger('click')
  await flushUnsavedInput()
  await w.find('form').trigger('submit')
  await until(() => router.currentRoute.value.name === 'accompaniment-detail')
  const [log] = await database.table('sessionLogs').toArray()
  expect(log.referral).toEqual({ oriented: true, structureType: null, placeId, placeName: 'Médiathèque de Vals' })

  await clearPlaces()
  await router.push({ name: 'accompaniment-detail', params: { id: log.id } })
  await until(() => w.find('.detail__list').exists() && w.find('.detail__list').text().includes('Médiathèque de Vals'))
})
