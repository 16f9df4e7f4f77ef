// The places directory on the device: a local import writes once, a second import of the same
// file changes nothing, and the commune centres follow every write.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { TandemDatabase, useDatabase } from '@/db/database'
import { allCentres, clearPlaces, getPlace, placesByCommunes, saveImportedPlaces } from '@/features/places/repo'
import { importPlacesText } from '@/features/places/importFile'
import { readOutbox } from '@/features/sync/outbox'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-places-${Math.random()}`)
  useDatabase(database)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

const v1 = readFileSync(new URL('./fixtures/official-v1.0.1.csv', import.meta.url), 'utf8')
const header = v1.split('\n')[0]!
const row = (id: string, nom: string, lat: string) =>
  `"${id}","21070334000016","${nom}","Vals-les-Bains","07600","07331","1 rue","","${lat}","4.366","","","","","Mo-Fr 09:00-17:00","","","","","","2026-10-01","Accès internet et matériel informatique","","","","","","","","","",""`

it('imports a file once: the same file again changes nothing, not even the dates', async () => {
  const text = [header, row('a', 'Médiathèque', '44.66'), row('b', 'Mairie', '44.67')].join('\n')
  const first = await importPlacesText(text, 'lieux.csv', new Date('2026-11-30T10:00:00.000Z'))
  expect(first).toMatchObject({ ok: true, result: { added: 2, updated: 0, unchanged: 0 } })
  const before = await database.table('places').toArray()
  const second = await importPlacesText(text, 'lieux.csv', new Date('2026-12-01T10:00:00.000Z'))
  expect(second).toMatchObject({ ok: true, result: { added: 0, updated: 0, unchanged: 2 } })
  expect(await database.table('places').toArray()).toEqual(before)
  expect(await readOutbox()).toEqual([])
  const centre = (await allCentres())[0]!
  expect(centre).toMatchObject({ postcode: '07600', commune: 'Vals-les-Bains', places: 2, located: 2 })
  expect(centre.latSum / centre.located).toBeCloseTo(44.665, 3)
})

it('updates a changed place and moves its weight in the commune centres', async () => {
  await importPlacesText([header, row('a', 'Médiathèque', '44.66')].join('\n'), 'lieux.csv')
  const moved = [header, row('a', 'Médiathèque', '44.70')].join('\n')
  expect(await importPlacesText(moved, 'lieux.csv')).toMatchObject({ ok: true, result: { updated: 1 } })
  const [centre] = await allCentres()
  expect(centre).toMatchObject({ places: 1, located: 1 })
  expect(centre!.latSum).toBeCloseTo(44.7, 6)
  expect((await placesByCommunes(['vals les bains'])).map((p) => p.latitude)).toEqual([44.7])
})

it('refuses a file it cannot read and writes nothing', async () => {
  expect(await importPlacesText('', 'lieux.csv')).toEqual({ ok: false, reason: 'empty' })
  expect(await database.table('places').count()).toBe(0)
})

it('empties the directory and its commune centres', async () => {
  const imported = await importPlacesText([header, row('a', 'Médiathèque', '44.66')].join('\n'), 'lieux.csv')
  expect(imported.ok).toBe(true)
  await clearPlaces()
  expect(await allCentres()).toEqual([])
  expect(await saveImportedPlaces([])).toEqual({ added: 0, updated: 0, unchanged: 0 })
  expect(await getPlace('anything')).toBeUndefined()
})
