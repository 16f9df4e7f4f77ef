// A collective workshop (`collectif` in the national report): planned as a programme of
// scenarios, then held and logged with anonymous participant counts.
import { z } from 'zod'
import { recordBaseShape } from './record.ts'
import { ALWAYS, ANYWHERE_ON_EARTH, checkNotInFuture, checkThemes, durationSchema, formError, isoDateSchema, notesSchema, placeShape, themesShape, timeSchema, type DateRules } from './activity.ts'
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

const countOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const breakdownOf = (v: unknown): Partial<Record<string, number>> | null =>
  typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, n]) => [k, countOf(n) ?? 0])) : null

function checkWorkshop(rules: DateRules) {
  return (raw: object, ctx: z.RefinementCtx): void => {
    const value = raw as Record<string, unknown>
    const held = value.status === 'held'
    // A planned workshop has not happened: its administrative sub-themes can wait until it is held.
    checkThemes(value, ctx, { requireAdminThemes: held })
    if (!held) return
    // What has happened cannot be dated after today; a plan can.
    checkNotInFuture(value.date, rules, ctx, 'heldInFuture')
    if (value.durationMinutes === null) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'form.errors.duration' })
    const p = (typeof value.participants === 'object' && value.participants !== null ? value.participants : null) as Record<string, unknown> | null
    const total = countOf(p?.total)
    if (!p || total === null || total < 1) {
      ctx.addIssue({ code: 'custom', path: ['participants', 'total'], message: 'form.errors.participantsRequired' })
      return
    }
    const already = countOf(p.alreadyAccompanied)
    if (already !== null && already > total) {
      ctx.addIssue({ code: 'custom', path: ['participants', 'alreadyAccompanied'], message: 'form.errors.moreThanTotal' })
    }
    for (const key of ['byGender', 'byAge', 'byStatus'] as const) {
      const s = breakdownSum(breakdownOf(p[key]))
      if (s !== null && s !== total) ctx.addIssue({ code: 'custom', path: ['participants', key], message: 'form.errors.sumMismatch' })
    }
  }
}

/** The content and record schemas under given date rules (the device saves with its own day). */
export function workshopSchemas(rules: DateRules) {
  return {
    content: z.object(workshopContentShape).superRefine(checkWorkshop(rules), ALWAYS),
    /** The stored and synced record; fields written by a newer version are kept. */
    record: z.looseObject({ ...recordBaseShape, kind: z.literal('collectif'), ...workshopContentShape }).superRefine(checkWorkshop(rules), ALWAYS),
  }
}

const received = workshopSchemas(ANYWHERE_ON_EARTH)

export const workshopContentSchema = received.content
export type WorkshopContent = z.infer<typeof workshopContentSchema>

/** The stored and synced record, as accepted from anywhere (server push, device pull). */
export const workshopRecordSchema = received.record
export type Workshop = z.infer<typeof workshopRecordSchema>
