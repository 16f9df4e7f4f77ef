// A collective workshop (`collectif` in the national report): planned as a programme of
// scenarios, then held and logged with anonymous participant counts.
import { z } from 'zod'
import { recordBaseShape } from './record.ts'
import { checkThemes, durationSchema, formError, isoDateSchema, notesSchema, placeShape, themesShape, timeSchema } from './activity.ts'
import { AGE_BRACKETS, GENDERS, SOCIAL_STATUSES, WORKSHOP_LEVELS } from './lists.ts'

const count = z.number(formError('count')).int(formError('count')).min(0, formError('count')).max(10_000, formError('count'))

/** A breakdown of participants; every value is a head count, absent keys count as zero. */
const breakdown = <T extends readonly [string, ...string[]]>(keys: T) => z.partialRecord(z.enum(keys), count).nullable()

export const participantsSchema = z.object({
  total: count,
  alreadyAccompanied: count,
  byGender: breakdown(GENDERS),
  byAge: breakdown(AGE_BRACKETS),
  byStatus: breakdown(SOCIAL_STATUSES),
})
export type Participants = z.infer<typeof participantsSchema>

export const WORKSHOP_STATUSES = ['planned', 'held'] as const

export const workshopContentShape = {
  status: z.enum(WORKSHOP_STATUSES),
  /** « Titre de l'atelier » (optional). */
  title: z.string().trim().max(200, formError('tooLong')).nullable(),
  level: z.enum(WORKSHOP_LEVELS).nullable(),
  date: isoDateSchema,
  startTime: timeSchema.nullable(),
  /** Scenario ids, in the order the facilitator runs them. */
  programme: z.array(z.string().min(1)),
  durationMinutes: durationSchema.nullable(),
  ...placeShape,
  ...themesShape,
  participants: participantsSchema.nullable(),
  facilitators: z.array(z.string().trim().min(1).max(120)),
  notes: notesSchema,
}

/** Sum of a breakdown, or null when it was not filled. */
export function breakdownSum(b: Partial<Record<string, number>> | null): number | null {
  return b ? Object.values(b).reduce<number>((s, n) => s + (n ?? 0), 0) : null
}

type WorkshopLike = z.infer<z.ZodObject<typeof workshopContentShape>>

function checkWorkshop(value: WorkshopLike, ctx: z.RefinementCtx): void {
  // A planned workshop has not happened: its administrative sub-themes can wait until it is held.
  checkThemes(value, ctx, { requireAdminThemes: value.status === 'held' })
  if (value.status === 'planned') return
  if (value.durationMinutes === null) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'form.errors.duration' })
  const p = value.participants
  if (!p || p.total < 1) {
    ctx.addIssue({ code: 'custom', path: ['participants', 'total'], message: 'form.errors.participantsRequired' })
    return
  }
  if (p.alreadyAccompanied > p.total) {
    ctx.addIssue({ code: 'custom', path: ['participants', 'alreadyAccompanied'], message: 'form.errors.moreThanTotal' })
  }
  for (const key of ['byGender', 'byAge', 'byStatus'] as const) {
    const s = breakdownSum(p[key])
    if (s !== null && s !== p.total) ctx.addIssue({ code: 'custom', path: ['participants', key], message: 'form.errors.sumMismatch' })
  }
}

export const workshopContentSchema = z.object(workshopContentShape).superRefine(checkWorkshop)
export type WorkshopContent = z.infer<typeof workshopContentSchema>

/** The stored and synced record; fields written by a newer version are kept. */
export const workshopRecordSchema = z
  .looseObject({ ...recordBaseShape, kind: z.literal('collectif'), ...workshopContentShape })
  .superRefine(checkWorkshop)
export type Workshop = z.infer<typeof workshopRecordSchema>
