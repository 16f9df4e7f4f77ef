// The fields every synced record carries (DESIGN.md, "Data model"), as a zod shape that the
// client and, later, the server validate with.
import { z } from 'zod'

export const recordBaseShape = {
  /** ULID made on the device. */
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
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

export const recordBaseSchema = z.object(recordBaseShape)
export type RecordBase = z.infer<typeof recordBaseSchema>

/** The tables whose records sync through the outbox. */
export const SYNCED_TABLES = ['sessionLogs', 'workshops'] as const
export type SyncedTable = (typeof SYNCED_TABLES)[number]

/** A zod issue turned into what a form shows: the field's path and an i18n key. */
export interface FieldError {
  path: string
  messageKey: string
}

/** First error per field, paths dotted (`profile.postcode`), messages being i18n keys. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.')
    if (seen.has(path)) continue
    seen.add(path)
    out.push({ path, messageKey: issue.message.includes('.') && !issue.message.includes(' ') ? issue.message : 'sessions.errors.invalid' })
  }
  return out
}
