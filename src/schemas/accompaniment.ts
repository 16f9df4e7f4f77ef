// One accompaniment (`individuel` in the national report): what the form edits and the stored,
// synced record. The server validates every pushed accompaniment with the same schema.
import { z } from 'zod'
import { recordBaseShape } from './record.ts'
import { checkThemes, durationSchema, formError, isoDateSchema, notesSchema, placeShape, postcodeSchema, shortText, themesShape, timeSchema, type ThemedContent } from './activity.ts'
import { AGE_BRACKETS, AUTONOMY_LEVELS, GENDERS, OUTCOMES, REFERRAL_TYPES, SOCIAL_STATUSES } from './lists.ts'

export const profileSchema = z.object({
  ageBracket: z.enum(AGE_BRACKETS).nullable(),
  status: z.enum(SOCIAL_STATUSES).nullable(),
  gender: z.enum(GENDERS).nullable(),
  residenceCommune: shortText(120),
  residencePostcode: postcodeSchema,
  alreadyAccompanied: z.boolean().nullable(),
})
export type Profile = z.infer<typeof profileSchema>

export const referralSchema = z.object({
  /** « Le bénéficiaire est-il orienté vers une autre structure ? » — null when not answered. */
  oriented: z.boolean().nullable(),
  structureType: z.enum(REFERRAL_TYPES).nullable(),
  /** A place of the referral directory, when chosen from it. */
  placeId: z.string().nullable(),
})

export const accompanimentContentShape = {
  date: isoDateSchema,
  startTime: timeSchema.nullable(),
  durationMinutes: durationSchema,
  ...placeShape,
  ...themesShape,
  scenarioIds: z.array(z.string().min(1)),
  profile: profileSchema,
  autonomy: z.enum(AUTONOMY_LEVELS, formError('autonomy')).nullable(),
  outcome: z.enum(OUTCOMES, formError('outcome')),
  referral: referralSchema,
  followUp: z.boolean(),
  notes: notesSchema,
}

function checkAccompaniment(value: { referral: z.infer<typeof referralSchema> } & ThemedContent, ctx: z.RefinementCtx): void {
  checkThemes(value, ctx)
  if (value.referral.oriented === true && !value.referral.structureType && !value.referral.placeId) {
    ctx.addIssue({ code: 'custom', path: ['referral', 'structureType'], message: 'form.errors.referralType' })
  }
  if (value.referral.oriented !== true && (value.referral.structureType || value.referral.placeId)) {
    ctx.addIssue({ code: 'custom', path: ['referral', 'structureType'], message: 'form.errors.referralWithoutOrientation' })
  }
}

/** What the form edits and validates before saving. */
export const accompanimentContentSchema = z.object(accompanimentContentShape).superRefine(checkAccompaniment)
export type AccompanimentContent = z.infer<typeof accompanimentContentSchema>

/** The stored and synced record; fields written by a newer version are kept. */
export const accompanimentRecordSchema = z
  .looseObject({ ...recordBaseShape, kind: z.literal('individuel'), ...accompanimentContentShape })
  .superRefine(checkAccompaniment)
export type Accompaniment = z.infer<typeof accompanimentRecordSchema>
