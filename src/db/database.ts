// The one Dexie database of the app. Only repositories (src/features/*/repo.ts) import it.
//
// Adding a schema version (see docs/database.md):
//   1. never edit a released `this.version(n)` block; add `this.version(n + 1).stores({...})`
//      listing only the tables whose indexes change (null deletes a table);
//   2. when existing rows must change shape, add `.upgrade(tx => ...)` to that version;
//   3. bump DB_SCHEMA_VERSION (it travels with every sync request) and add a test in
//      tests/unit/db/ that opens version n with data, then version n + 1, and checks the rows.
import Dexie, { type EntityTable } from 'dexie'
import type { MetaEntry, OutboxEntry } from './types'

export const DB_NAME = 'tandem'
export const DB_SCHEMA_VERSION = 1

/** Tables are declared loosely here; each feature's repository owns the typed view of its own. */
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
      // Per-day statistics counters kept in step with sessionLogs and workshops (src/features/stats/days.ts).
      activityDays: '&date',
      scenarioProgress: '&scenarioId, updatedAt',
    })
  }
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
