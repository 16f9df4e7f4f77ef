// What both kinds of activity (accompaniments and workshops) share: dates, durations, the place
// and the themes of the national form, and the cross-field rules on them.
// Error messages are i18n keys under `form.errors`.
import { z } from 'zod'
import { ADMIN_THEMES, EQUIPMENT, PLACE_TYPES, PROCEDURE_THEME, THEMES } from './lists.ts'

export const formError = (key: string) => ({ error: `form.errors.${key}` })

/** The national report's range of a duration: at least 1 minute, under a day. */
export const MAX_DURATION_MINUTES = 23 * 60 + 59

export const isoDateSchema = z.iso.date(formError('date'))
export const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, formError('time'))
export const durationSchema = z
  .number(formError('duration'))
  .int(formError('duration'))
  .min(1, formError('duration'))
  .max(MAX_DURATION_MINUTES, formError('duration'))
/** A French postcode (five digits, Corsica included) or nothing. */
export const postcodeSchema = z.string().regex(/^\d{5}$/, formError('postcode')).nullable()
export const shortText = (max: number) => z.string().trim().max(max, formError('tooLong')).nullable()

/** The longest free note (about two pages): refused beyond, never cut. */
export const NOTES_MAX = 4000
export const notesSchema = z.string().max(NOTES_MAX, formError('notesTooLong'))

/** Where an activity happened. */
export const placeShape = {
  placeType: z.enum(PLACE_TYPES, formError('placeType')),
  placeName: shortText(200),
  placeCommune: shortText(120),
  placePostcode: postcodeSchema,
}

/** What an activity was about. */
export const themesShape = {
  equipment: z.array(z.enum(EQUIPMENT)),
  themes: z.array(z.enum(THEMES)).min(1, formError('themesRequired')),
  /** Only with the theme « Aide aux démarches administratives ». */
  adminThemes: z.array(z.enum(ADMIN_THEMES)),
  /** « Préciser le nom de la démarche administrative réalisée » (optional). */
  procedureName: shortText(200),
  /** Tandem's own: the mediator did the procedure on the person's behalf. */
  onBehalf: z.boolean(),
}

export interface ThemedContent {
  themes: readonly string[]
  adminThemes: readonly string[]
  procedureName: string | null
  onBehalf: boolean
  equipment: readonly string[]
}

/** Cross-field rules of the national form shared by both kinds of activity. */
export function checkThemes(value: ThemedContent, ctx: z.RefinementCtx, options: { requireAdminThemes: boolean } = { requireAdminThemes: true }): void {
  const procedure = value.themes.includes(PROCEDURE_THEME)
  if (procedure && options.requireAdminThemes && value.adminThemes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['adminThemes'], message: 'form.errors.adminThemesRequired' })
  }
  if (!procedure && (value.adminThemes.length > 0 || value.procedureName || value.onBehalf)) {
    ctx.addIssue({ code: 'custom', path: ['adminThemes'], message: 'form.errors.adminThemesWithoutProcedure' })
  }
  if (value.equipment.includes('aucun') && value.equipment.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['equipment'], message: 'form.errors.equipmentNone' })
  }
}
