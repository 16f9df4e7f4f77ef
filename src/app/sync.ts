// Starts this tab's sync loop, composing what the sync client needs from the features above
// it: each synced table's schema and the per-day counters that move with pulled records.
// Loaded lazily: only a device linked to a structure (or linking now) pays for the sync code.
import { accompanimentRecordSchema } from '@/schemas/accompaniment'
import { workshopRecordSchema } from '@/schemas/workshop'
import { placeRecordSchema } from '@/schemas/places'
import type { RecordBase, SyncedTable } from '@/schemas/record'
import type { TableBinding } from '@/features/sync/repo'
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/journal/days'
import { communeCentresDerivation } from '@/features/places/repo'
import { useSyncStore } from '@/features/sync/store'
import { scheduleDailyPurge } from '@/features/journal/dailyPurge'

const days = activityDaysDerivation as unknown as Derived<RecordBase>

export const SYNC_BINDINGS: Record<SyncedTable, TableBinding> = {
  accompaniments: { schema: accompanimentRecordSchema as unknown as TableBinding['schema'], derived: days },
  workshops: { schema: workshopRecordSchema as unknown as TableBinding['schema'], derived: days },
  // The structure's places directory: the commune centres follow every pulled place.
  places: { schema: placeRecordSchema as unknown as TableBinding['schema'], derived: communeCentresDerivation as unknown as Derived<RecordBase> },
}

let stopPurge: (() => void) | undefined

export async function startSync(): Promise<void> {
  await useSyncStore().start({ bindings: SYNC_BINDINGS })
  // A linked device purges past the structure's retention period daily (DESIGN.md).
  stopPurge ??= scheduleDailyPurge()
}
