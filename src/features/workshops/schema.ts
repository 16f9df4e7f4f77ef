// The collective workshop (`collectif` in the national report): planned as a programme of
// scenarios, then held and logged with anonymous participant counts.
import { z } from 'zod'
import { recordBaseShape } from '@/features/sync/record'
import { checkThemes, durationSchema, isoDateSchema, placeShape, themesShape, timeSchema } from '@/features/sessions/schema'
import { AGE_BRACKETS, GENDERS, SOCIAL_STATUSES, WORKSHOP_LEVELS } from '@/lib/lists'

const err = (key: string) => ({ error: `workshops.errors.${key}` })
const count = z.number(err('count')).int(err('count')).min(0, err('count')).max(10_000, err('count'))

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
  title: z.string().trim().max(200, err('tooLong')).nullable(),
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
  notes: z.string().max(4000, err('tooLong')),
}

const sum = (b: Partial<Record<string, number>> | null) => (b ? Object.values(b).reduce<number>((s, n) => s + (n ?? 0), 0) : null)

type WorkshopLike = z.infer<z.ZodObject<typeof workshopContentShape>>

function checkWorkshop(value: WorkshopLike, ctx: z.RefinementCtx): void {
  checkThemes(value, ctx)
  if (value.status === 'planned') return
  if (value.durationMinutes === null) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'sessions.errors.duration' })
  const p = value.participants
  if (!p || p.total < 1) {
    ctx.addIssue({ code: 'custom', path: ['participants', 'total'], message: 'workshops.errors.participantsRequired' })
    return
  }
  if (p.alreadyAccompanied > p.total) {
    ctx.addIssue({ code: 'custom', path: ['participants', 'alreadyAccompanied'], message: 'workshops.errors.moreThanTotal' })
  }
  for (const key of ['byGender', 'byAge', 'byStatus'] as const) {
    const s = sum(p[key])
    if (s !== null && s !== p.total) ctx.addIssue({ code: 'custom', path: ['participants', key], message: 'workshops.errors.sumMismatch' })
  }
}

export const workshopContentSchema = z.object(workshopContentShape).superRefine(checkWorkshop)
export type WorkshopContent = z.infer<typeof workshopContentSchema>

export const workshopSchema = z
  .object({ ...recordBaseShape, kind: z.literal('collectif'), ...workshopContentShape })
  .superRefine(checkWorkshop)
export type Workshop = z.infer<typeof workshopSchema>

/** Sum of a breakdown, or null when it was not filled. */
export function breakdownSum(b: Partial<Record<string, number>> | null): number | null {
  return sum(b)
}
