// Opening a version 2 database with version 3 (the places directory): every existing row stays
// as it was, the counter carries on, and the new tables answer the searches by their indexes.
import { afterEach, expect, it } from 'vitest'
import Dexie from 'dexie'
import { DB_SCHEMA_VERSION, TandemDatabase, useDatabase } from '@/db/database'
import { MUTATION_COUNTER_KEY } from '@/db/tables'
import { readOutbox } from '@/features/sync/outbox'
import { placesByDepartements, placesByPostcode, saveImportedPlaces } from '@/features/places/repo'
import { importRows } from '@/lib/places/importRows'
import { parseOpeningHours } from '@/lib/places/parseHours'

const name = `test-upgrade-v3-${Math.random()}`
afterEach(async () => {
  await Dexie.delete(name)
})

it('adds the places tables to a version 2 database and keeps everything else', async () => {
  const v2 = new Dexie(name)
  v2.version(1).stores({
    meta: '&key',
    outbox: '++seq, [table+recordId]',
    sessionLogs: '&id, [date+id], updatedAt',
    workshops: '&id, [date+id], updatedAt',
    drafts: '&id, kind, updatedAt',
    activityDays: '&date',
    scenarioProgress: '&scenarioId, updatedAt',
  })
  v2.version(2).stores({ outbox: '++seq, &mutationId, [table+recordId]', drafts: '&id, kind, updatedAt, recordId', rejectedMutations: '&mutationId, [table+recordId]' })
  await v2.open()
  await v2.table('meta').put({ key: MUTATION_COUNTER_KEY, value: 42 })
  await v2.table('sessionLogs').put({ id: 'L1', date: '2026-11-30', notes: 'kept' })
  await v2.table('outbox').add({ mutationId: 41, table: 'accompaniments', recordId: 'L1', op: 'put', schemaVersion: 2, payload: { id: 'L1' }, attempts: 0, lastError: null, createdAt: '2026-11-30T10:00:00.000Z' })
  v2.close()

  const v3 = new TandemDatabase(name)
  useDatabase(v3)
  await v3.open()
  expect(v3.verno).toBe(3)
  expect(DB_SCHEMA_VERSION).toBe(3)
  expect(await v3.table('sessionLogs').get('L1')).toEqual({ id: 'L1', date: '2026-11-30', notes: 'kept' })
  expect((await readOutbox()).map((e) => [e.mutationId, e.schemaVersion])).toEqual([[41, 2]])
  expect((await v3.meta.get(MUTATION_COUNTER_KEY))?.value).toBe(42)

  const { places } = importRows(
    [{ id: 'a', nom: 'Médiathèque', adresse: '1 place', commune: 'Vals-les-Bains', code_postal: '07600', pivot: '21070334000016', date_maj: '2026-01-01' }],
    { parseHours: parseOpeningHours },
  )
  await saveImportedPlaces(places)
  expect((await placesByPostcode('07600')).map((p) => p.name)).toEqual(['Médiathèque'])
  expect(await placesByDepartements(['07'])).toHaveLength(1)
  // A local import never queues anything for the server.
  expect(await readOutbox()).toHaveLength(1)
  v3.close()
})
