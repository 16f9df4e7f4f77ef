// Opening a version 1 database with this version's schema: the outbox is rebuilt with mutation
// ids and the counter carries on past every id handed out (DESIGN.md: it never goes back).
import { afterEach, expect, it } from 'vitest'
import Dexie from 'dexie'
import { TandemDatabase, useDatabase } from '@/db/database'
import { MUTATION_COUNTER_KEY } from '@/db/tables'
import { readOutbox } from '@/features/sync/outbox'
import { readDraft } from '@/features/journal/drafts'
import { anAccompaniment, saveAccompaniment } from '../accompaniments/builders'

const name = `test-upgrade-${Math.random()}`
afterEach(async () => {
  await Dexie.delete(name)
})

it('rebuilds a version 1 outbox with mutation ids and keeps the counter ahead of them', async () => {
  const v1 = new Dexie(name)
  v1.version(1).stores({
    meta: '&key',
    outbox: '++seq, [table+recordId]',
    sessionLogs: '&id, [date+id], updatedAt',
    workshops: '&id, [date+id], updatedAt',
    drafts: '&id, kind, updatedAt',
    activityDays: '&date',
    scenarioProgress: '&scenarioId, updatedAt',
  })
  await v1.open()
  const entry = (n: number) => ({ table: 'sessionLogs', recordId: `R${n}`, op: 'put', payload: { id: `R${n}` }, attempts: 0, lastError: null, createdAt: '2026-01-01T00:00:00.000Z' })
  for (let i = 1; i <= 5; i++) await v1.table('outbox').add(entry(i))
  // Two were pushed and acknowledged in version 1's lifetime: seq 1 and 2 are gone.
  await v1.table('outbox').bulkDelete([1, 2])
  await v1.table('drafts').put({ id: 'D1', kind: 'session', recordId: null, values: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' })
  v1.close()

  const v2 = new TandemDatabase(name)
  useDatabase(v2)
  await v2.open()
  expect((await readOutbox()).map((e) => [e.mutationId, e.table, e.schemaVersion])).toEqual([
    [3, 'accompaniments', 1],
    [4, 'accompaniments', 1],
    [5, 'accompaniments', 1],
  ])
  expect((await v2.meta.get(MUTATION_COUNTER_KEY))?.value).toBe(6)
  expect((await readDraft('D1'))?.kind).toBe('accompaniment')
  await saveAccompaniment(anAccompaniment())
  expect((await readOutbox()).at(-1)?.mutationId).toBe(6)
  v2.close()
})
