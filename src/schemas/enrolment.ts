// What a device keeps of its link to a structure (in `meta`), and the rejected mutations it
// keeps beside its records: local only, never sent back.
import { z } from 'zod'
import { ROLES } from './sync.ts'
import { SYNCED_TABLES } from './record.ts'

export const enrolmentSchema = z.object({
  /** Sent only as `Authorization: Bearer …`. */
  token: z.string().min(32),
  /** The server's row for this enrolment (a new one at every enrolment). */
  deviceId: z.string(),
  structureId: z.string(),
  structureName: z.string(),
  retentionMonths: z.number().int().min(1),
  userId: z.string(),
  role: z.enum(ROLES),
  displayName: z.string(),
  enrolledAt: z.iso.datetime(),
  /** Set when the server said this device was revoked: nothing more is sent until re-enrolled. */
  revokedAt: z.iso.datetime().nullable().default(null),
})
export type Enrolment = z.infer<typeof enrolmentSchema>

export const rejectedMutationSchema = z.object({
  mutationId: z.number().int().min(1),
  table: z.enum(SYNCED_TABLES),
  recordId: z.string(),
  op: z.enum(['put', 'delete']),
  reason: z.string(),
  rejectedAt: z.iso.datetime(),
})
export type RejectedMutation = z.infer<typeof rejectedMutationSchema>
