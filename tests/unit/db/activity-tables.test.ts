import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase } from '@/db/database'

let database: TandemDatabase
beforeEach(async () => {
  database = new TandemDatabase(`test-schema-${Math.random()}`)
  await database.open()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

describe('activity tables', () => {
  it('index logs and workshops by [date+id] and keep per-day counters by date', () => {
    for (const name of ['sessionLogs', 'workshops']) {
      const schema = database.table(name).schema
      expect(schema.primKey.name).toBe('id')
      expect(schema.indexes.map((i) => i.name)).toContain('[date+id]')
    }
    expect(database.table('activityDays').schema.primKey.name).toBe('date')
    expect(database.outbox.schema.primKey.auto).toBe(true)
    expect(database.outbox.schema.indexes.map((i) => i.name)).toContain('[table+recordId]')
  })

  it('orders a period by date, then by id', async () => {
    const t = database.table('sessionLogs')
    await t.bulkPut([
      { id: 'B', date: '2026-01-02' },
      { id: 'A', date: '2026-01-02' },
      { id: 'C', date: '2026-01-01' },
      { id: 'D', date: '2026-02-01' },
    ])
    const keys = await t.where('[date+id]').between(['2026-01-01', ''], ['2026-01-31', '\uffff']).primaryKeys()
    expect(keys).toEqual(['C', 'A', 'B'])
  })
})
