// Names of the stored tables where they differ from the names on the wire, and meta keys that
// several modules share.
import type { SyncedTable } from '../schemas/record.ts'

/**
 * The Dexie table of each synced table. Accompaniments are stored in `sessionLogs`, their
 * name since version 1: renaming an IndexedDB table means copying every row in an upgrade.
 */
export const STORED_TABLE: Record<SyncedTable, string> = {
  accompaniments: 'sessionLogs',
  workshops: 'workshops',
  places: 'places',
}

/** The next mutation id to hand out (DESIGN.md: never goes back). */
export const MUTATION_COUNTER_KEY = 'nextMutationId'
