// The accompaniment log (`individuel` in the national report), validated on save and on read.
// Error messages are i18n keys under `sessions.errors`. Shared with the server later.
import { z } from 'zod'
import { isIsoDate } from '@/lib/dates'
import { recordBaseShape } from '@/features/sync/record'
import {
  ADMIN_THEMES, AGE_BRACKETS, AUTONOMY_LEVELS, EQUIPMENT, GENDERS, OUTCOMES, PLACE_TYPES,
  PROCEDURE_THEME, REFERRAL_TYPES, SOCIAL_STATUSES, THEMES,
} from '@/lib/lists'

const err = (key: string) => ({ error: `sessions.errors.${key}` })

export const isoDateSchema = z.string(err('date')).refine(isIsoDate, err('date'))
export const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, err('time'))
export const durationSchema = z.number(err('duration')).int(err('duration')).min(1, err('duration')).max(23 * 60 + 59, err('duration'))
/** A French postcode (five digits, Corsica included) or nothing. */
export const postcodeSchema = z.string().regex(/^\d{5}$/, err('postcode')).nullable()
const shortText = (max: number) => z.string().trim().max(max, err('tooLong')).nullable()

/** Where an activity happened: shared by accompaniments and workshops. */
export const placeShape = {
  placeType: z.enum(PLACE_TYPES, err('placeType')),
  placeName: shortText(200),
  placeCommune: shortText(120),
  placePostcode: postcodeSchema,
}

/** What an activity was about: shared by accompaniments and workshops. */
export const themesShape = {
  equipment: z.array(z.enum(EQUIPMENT)),
  themes: z.array(z.enum(THEMES)).min(1, err('themesRequired')),
  /** Only with the theme « Aide aux démarches administratives ». */
  adminThemes: z.array(z.enum(ADMIN_THEMES)),
  /** « Préciser le nom de la démarche administrative réalisée » (optional). */
  procedureName: shortText(200),
  /** Tandem's own: the mediator did the procedure on the person's behalf. */
  onBehalf: z.boolean(),
}

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

export const sessionContentShape = {
  date: isoDateSchema,
  startTime: timeSchema.nullable(),
  durationMinutes: durationSchema,
  ...placeShape,
  ...themesShape,
  scenarioIds: z.array(z.string().min(1)),
  profile: profileSchema,
  autonomy: z.enum(AUTONOMY_LEVELS, err('autonomy')).nullable(),
  outcome: z.enum(OUTCOMES, err('outcome')),
  referral: referralSchema,
  followUp: z.boolean(),
  notes: z.string().max(4000, err('tooLong')),
}

interface ThemedContent {
  themes: readonly string[]
  adminThemes: readonly string[]
  procedureName: string | null
  onBehalf: boolean
  equipment: readonly string[]
}

type Ctx = z.RefinementCtx

/** Cross-field rules of the national form shared by both kinds of activity. */
export function checkThemes(value: ThemedContent, ctx: Ctx): void {
  const procedure = value.themes.includes(PROCEDURE_THEME)
  if (procedure && value.adminThemes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['adminThemes'], message: 'sessions.errors.adminThemesRequired' })
  }
  if (!procedure && (value.adminThemes.length > 0 || value.procedureName || value.onBehalf)) {
    ctx.addIssue({ code: 'custom', path: ['adminThemes'], message: 'sessions.errors.adminThemesWithoutProcedure' })
  }
  if (value.equipment.includes('aucun') && value.equipment.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['equipment'], message: 'sessions.errors.equipmentNone' })
  }
}

function checkSession(value: { referral: z.infer<typeof referralSchema> } & ThemedContent, ctx: Ctx): void {
  checkThemes(value, ctx)
  if (value.referral.oriented === true && !value.referral.structureType && !value.referral.placeId) {
    ctx.addIssue({ code: 'custom', path: ['referral', 'structureType'], message: 'sessions.errors.referralType' })
  }
  if (value.referral.oriented !== true && (value.referral.structureType || value.referral.placeId)) {
    ctx.addIssue({ code: 'custom', path: ['referral', 'structureType'], message: 'sessions.errors.referralWithoutOrientation' })
  }
}

/** What the form edits and validates before saving. */
export const sessionContentSchema = z.object(sessionContentShape).superRefine(checkSession)
export type SessionContent = z.infer<typeof sessionContentSchema>

/** The stored record. */
export const sessionLogSchema = z
  .object({ ...recordBaseShape, kind: z.literal('individuel'), ...sessionContentShape })
  .superRefine(checkSession)
export type SessionLog = z.infer<typeof sessionLogSchema>
