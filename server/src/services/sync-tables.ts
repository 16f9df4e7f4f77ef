// The synced tables the server accepts, by their wire name: the schema that validates a pushed
// record, the schema versions understood, who may pull the table's records, and the date that
// retention counts from. Adding a table (places) is one entry here.
import { z } from 'zod'
import { tombstoneSchema } from '../../../src/schemas/sync.ts'
import { accompanimentRecordSchema } from '../../../src/schemas/accompaniment.ts'
import { workshopRecordSchema } from '../../../src/schemas/workshop.ts'
import { placeRecordSchema } from '../../../src/schemas/places.ts'
import { SCHEMA_VERSION } from '../../../src/schemas/version.ts'

/** 'author': only the author's own devices pull it; 'structure': every device of the structure. */
export type Visibility = 'author' | 'structure'

export interface SyncedTableSpec {
  schema: z.ZodType<Record<string, unknown>>
  /** What a deletion must hold: base fields, kind and date (the rest is dropped). */
  tombstone: z.ZodType<Record<string, unknown>>
  /** Oldest and newest schema version of a payload this server accepts. */
  minSchemaVersion: number
  maxSchemaVersion: number
  visibility: Visibility
  /** The record's own date (YYYY-MM-DD), from which retention counts; null: never purged. */
  dateOf(record: Record<string, unknown>): string | null
  /** Written by the server only (the places import): a device's push of it is rejected. */
  serverOnly?: boolean
}

const activityDate = (record: Record<string, unknown>) => (typeof record.date === 'string' ? record.date : null)

export const SYNC_TABLES: Readonly<Record<string, SyncedTableSpec>> = {
  accompaniments: {
    schema: accompanimentRecordSchema,
    tombstone: tombstoneSchema.extend({ kind: z.literal('individuel'), date: z.iso.date() }),
    minSchemaVersion: 1,
    maxSchemaVersion: SCHEMA_VERSION,
    visibility: 'author',
    dateOf: activityDate,
  },
  workshops: {
    schema: workshopRecordSchema,
    tombstone: tombstoneSchema.extend({ kind: z.literal('collectif'), date: z.iso.date() }),
    minSchemaVersion: 1,
    maxSchemaVersion: SCHEMA_VERSION,
    visibility: 'structure',
    dateOf: activityDate,
  },
  // The structure's places directory (docs/places.md): imported on the server, pulled by every
  // device of the structure, never purged by retention, never pushed by a device.
  places: {
    schema: placeRecordSchema,
    tombstone: tombstoneSchema.extend({ kind: z.literal('lieu') }),
    minSchemaVersion: 3,
    maxSchemaVersion: SCHEMA_VERSION,
    visibility: 'structure',
    dateOf: () => null,
    serverOnly: true,
  },
}

/** The client schema versions (DB_SCHEMA_VERSION of the app) this server speaks. */
export const MIN_CLIENT_SCHEMA_VERSION = 1
export const MAX_CLIENT_SCHEMA_VERSION = SCHEMA_VERSION

export function tableSpec(name: string): SyncedTableSpec | undefined {
  return Object.hasOwn(SYNC_TABLES, name) ? SYNC_TABLES[name] : undefined
}
