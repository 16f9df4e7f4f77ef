// The fields every synced record carries (DESIGN.md, "Data model"), shared by the app, the sync
// client and the server. Relative imports only: the server and the build import this floor.
import { z } from 'zod'

/** A ULID as made on the device (Crockford base 32, 26 characters). */
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)

export const recordBaseShape = {
  id: ulidSchema,
  /** The structure the author belongs to; null until the device is enrolled. */
  structureId: z.string().nullable(),
  /** The author; the device id until enrolment gives a user id. */
  authorId: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Set when deleted: the record stays as a tombstone so the deletion can travel. */
  deletedAt: z.iso.datetime().nullable(),
  /** The server's change number once the server has the record. */
  rev: z.number().int().nullable(),
}

export const recordBaseSchema = z.looseObject(recordBaseShape)
export type RecordBase = z.infer<typeof recordBaseSchema>

/**
 * The tables whose records sync, by their name on the wire and on the server. The device keeps
 * accompaniments in the Dexie table `sessionLogs` (its name since version 1; see
 * docs/database.md), mapped in src/db/tables.ts. Places are the structure's shared directory:
 * written by the server's import and pulled, never pushed by a device (docs/places.md).
 */
export const SYNCED_TABLES = ['accompaniments', 'workshops', 'places'] as const
export type SyncedTable = (typeof SYNCED_TABLES)[number]

/** The base fields and the date: all a tombstone keeps (never the notes). */
export const TOMBSTONE_KEYS = ['id', 'structureId', 'authorId', 'createdAt', 'updatedAt', 'deletedAt', 'rev', 'kind', 'date'] as const

/** A deleted record reduced to what a deletion needs to travel and to be counted out. */
export function tombstoneOf<T extends RecordBase>(record: T, deletedAt: string): RecordBase {
  const out: Record<string, unknown> = {}
  for (const key of TOMBSTONE_KEYS) if (key in record) out[key] = (record as Record<string, unknown>)[key]
  out.deletedAt = deletedAt
  out.updatedAt = deletedAt
  return out as RecordBase
}

/**
 * A record as written by a newer version may carry fields this version does not know: they
 * are kept (loose objects), so saving it here never strips what another device wrote.
 */
export function keepUnknownFields<T extends object>(stored: object | undefined, next: T): T {
  return stored ? { ...stored, ...next } : next
}
