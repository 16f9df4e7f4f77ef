// A draft: what a form holds before it is saved. Local only: drafts never sync.
import { z } from 'zod'

export const DRAFT_KINDS = ['accompaniment', 'workshop'] as const
export type DraftKind = (typeof DRAFT_KINDS)[number]

export const draftSchema = z.object({
  id: z.string().min(1),
  // 'session' is how version 1 of the app named accompaniment drafts.
  kind: z.preprocess((value) => (value === 'session' ? 'accompaniment' : value), z.enum(DRAFT_KINDS)),
  /** The saved record this draft edits, or null for a new one. */
  recordId: z.string().nullable(),
  /** The form's values as typed: not validated until saved. */
  values: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Draft = z.infer<typeof draftSchema>
