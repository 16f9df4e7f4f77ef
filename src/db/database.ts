// The one Dexie database of the app. Only repositories (src/features/*/repo.ts and the journal's
// and sync's storage modules) import it.
//
// Adding a schema version (see docs/database.md):
//   1. never edit a released `this.version(n)` block; add `this.version(n + 1).stores({...})`
//      listing only the tables whose indexes change (null deletes a table);
//   2. when existing rows must change shape, add `.upgrade(tx => ...)` to that version;
//   3. bump DB_SCHEMA_VERSION (it travels with every sync request) and add a test in
//      tests/unit/db/ that opens version n with data, then version n + 1, and checks the rows.
import Dexie, { type EntityTable, type Transaction } from 'dexie'
import type { MetaEntry } from './types'
import type { OutboxEntry } from '../schemas/outbox.ts'
import { MUTATION_COUNTER_KEY } from './tables'
import { SCHEMA_VERSION } from '../schemas/version.ts'

export const DB_NAME = 'tandem'
/** The device database's version: the shared shapes' version (src/schemas/version.ts). */
export const DB_SCHEMA_VERSION = SCHEMA_VERSION

export class TandemDatabase extends Dexie {
  meta!: EntityTable<MetaEntry, 'key'>
  outbox!: EntityTable<OutboxEntry, 'seq'>

  constructor(name = DB_NAME) {
    // Strict durability: Chrome's default "relaxed" mode can lose the last seconds of writes
    // on a crash, and an outbox entry must never be lost once the app said « enregistré ».
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({
      meta: '&key',
      outbox: '++seq, [table+recordId]',
      // [date+id]: lists newest first with keyset paging, periods for statistics, retention purge.
      sessionLogs: '&id, [date+id], updatedAt',
      workshops: '&id, [date+id], updatedAt',
      drafts: '&id, kind, updatedAt',
      activityDays: '&date',
      scenarioProgress: '&scenarioId, updatedAt',
    })
    // Version 2: mutation ids from a counter in `meta` (no longer the outbox's own seq), the
    // payload's schema version on every entry, outbox tables named as on the wire, drafts found
    // by their record, mutations the server refused kept on the device.
    this.version(2)
      .stores({
        outbox: '++seq, &mutationId, [table+recordId]',
        drafts: '&id, kind, updatedAt, recordId',
        rejectedMutations: '&mutationId, [table+recordId]',
      })
      .upgrade(upgradeToVersion2)
    // Version 3: the places directory (shared records of the structure, or imported on this
    // device) and the commune centres derived from it, found by postcode, commune and département.
    this.version(3).stores({
      places: '&id, postcode, communeKey, departement, updatedAt',
      placeCommunes: '&key, postcode, communeKey, departement',
    })
  }
}

/**
 * Version 1's mutation id was the entry's seq: each pending entry keeps it as its mutation id,
 * and the counter starts after the highest id ever handed out, so it never goes back.
 */
async function upgradeToVersion2(tx: Transaction): Promise<void> {
  let highest = 0
  await tx
    .table('outbox')
    .toCollection()
    .modify((entry: Record<string, unknown>) => {
      const seq = Number(entry.seq)
      highest = Math.max(highest, seq)
      entry.mutationId = seq
      entry.schemaVersion = 1
      if (entry.table === 'sessionLogs') entry.table = 'accompaniments'
    })
  const stored = await tx.table('meta').get(MUTATION_COUNTER_KEY)
  const next = Math.max(Number(stored?.value ?? 1), highest + 1)
  await tx.table('meta').put({ key: MUTATION_COUNTER_KEY, value: next })
  await tx
    .table('drafts')
    .toCollection()
    .modify((draft: Record<string, unknown>) => {
      if (draft.kind === 'session') draft.kind = 'accompaniment'
    })
}

let instance: TandemDatabase | undefined

/** The shared database, opened lazily so the home screen never loads IndexedDB code. */
export function db(): TandemDatabase {
  instance ??= new TandemDatabase()
  return instance
}

/** Tests swap in a fresh database (fake-indexeddb) with this. */
export function useDatabase(next: TandemDatabase): void {
  instance = next
}
