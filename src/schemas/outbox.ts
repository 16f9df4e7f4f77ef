// An outbox entry: one local change of a synced record, waiting to be pushed (DESIGN.md,
// "Mutation ids and the outbox").
import { z } from 'zod'
import { SYNCED_TABLES } from './record.ts'

export const outboxEntrySchema = z.object({
  /** Local order only (IndexedDB auto-increment). */
  seq: z.number().int().optional(),
  /** The mutation id the server checks: from the `meta` counter, never reused. */
  mutationId: z.number().int().min(1),
  table: z.enum(SYNCED_TABLES),
  recordId: z.string().min(1),
  op: z.enum(['put', 'delete']),
  /** The device schema version the payload was written in. */
  schemaVersion: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type OutboxEntry = z.infer<typeof outboxEntrySchema>
