// One accompaniment (`individuel` in the national report): what the form edits and the stored,
// synced record. The server validates every pushed accompaniment with the same schema.
import { z } from 'zod'
import { recordBaseShape } from './record.ts'
import { ALWAYS, ANYWHERE_ON_EARTH, checkNotInFuture, checkThemes, durationSchema, formError, isoDateSchema, notesSchema, placeShape, postcodeSchema, shortText, themesShape, timeSchema, type DateRules } from './activity.ts'
import { AGE_BRACKETS, AUTONOMY_LEVELS, GENDERS, OUTCOMES, REFERRAL_TYPES, SOCIAL_STATUSES } from './lists.ts'

/** The longest follow-up reminder: a few words, not a file. */
export const FOLLOW_UP_NOTE_MAX = 160

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
  /**
   * The place's name when it was chosen, kept so the log stays readable after the directory
   * changes. Optional: records written before version 3 have none.
   */
  placeName: z.string().trim().max(300).nullable().optional(),
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
  /** « La personne souhaite un suivi ». */
  followUp: z.boolean(),
  /**
   * What the agent needs to recognise the case later (« dossier APL, revient avec l'avis
   * d'imposition »), never who the person is. Optional and nullable: older records have none.
   */
  followUpNote: shortText(FOLLOW_UP_NOTE_MAX).optional(),
  /** The day agreed for the follow-up, if one was. */
  followUpDate: isoDateSchema.nullable().optional(),
  /** When the follow-up was done (the next accompaniment's date, or the day it was marked done). */
  followUpDoneOn: isoDateSchema.nullable().optional(),
  /** The accompaniment this one follows up (« Suite de… »). */
  followUpOf: z.string().min(1).max(64).nullable().optional(),
  notes: notesSchema,
}

function checkAccompaniment(rules: DateRules) {
  return (raw: object, ctx: z.RefinementCtx): void => {
    const value = raw as Record<string, unknown>
    checkNotInFuture(value.date, rules, ctx, 'dateInFuture')
    checkThemes(value, ctx)
    const referral = (typeof value.referral === 'object' && value.referral !== null ? value.referral : {}) as Record<string, unknown>
    if (referral.oriented === true && !referral.structureType && !referral.placeId) {
      ctx.addIssue({ code: 'custom', path: ['referral', 'structureType'], message: 'form.errors.referralType' })
    }
    if (referral.oriented !== true && (referral.structureType || referral.placeId)) {
      ctx.addIssue({ code: 'custom', path: ['referral', 'structureType'], message: 'form.errors.referralWithoutOrientation' })
    }
  }
}

/** The content and record schemas under given date rules (the device saves with its own day). */
export function accompanimentSchemas(rules: DateRules) {
  return {
    /** What the form edits and validates before saving. */
    content: z.object(accompanimentContentShape).superRefine(checkAccompaniment(rules), ALWAYS),
    /** The stored and synced record; fields written by a newer version are kept. */
    record: z.looseObject({ ...recordBaseShape, kind: z.literal('individuel'), ...accompanimentContentShape }).superRefine(checkAccompaniment(rules), ALWAYS),
  }
}

const received = accompanimentSchemas(ANYWHERE_ON_EARTH)

/** What the form edits and validates before saving. */
export const accompanimentContentSchema = received.content
export type AccompanimentContent = z.infer<typeof accompanimentContentSchema>

/** The stored and synced record, as accepted from anywhere (server push, device pull). */
export const accompanimentRecordSchema = received.record
export type Accompaniment = z.infer<typeof accompanimentRecordSchema>
