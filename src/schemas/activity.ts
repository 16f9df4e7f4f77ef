// What both kinds of activity (accompaniments and workshops) share: dates, durations, the place
// and the themes of the national form, and the cross-field rules on them.
// Error messages are i18n keys under `form.errors`.
import { z } from 'zod'
import { ADMIN_THEMES, EQUIPMENT, PLACE_TYPES, PROCEDURE_THEME, THEMES } from './lists.ts'

export const formError = (key: string) => ({ error: `form.errors.${key}` })

/**
 * The national report's range of a duration: its « Personnaliser » offers hours 0–23 and minutes
 * 0–59, so at least 1 minute and at most 23 h 59.
 */
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

/**
 * Which "today" bounds the date of something that has happened. Saving on a device uses its
 * local calendar day; accepting a record (the server on push, a device on pull) uses the latest
 * day it can be anywhere on Earth, so a record a device accepted is never refused elsewhere.
 * Tests inject a fixed day.
 */
export interface DateRules {
  /** The latest date (YYYY-MM-DD) an activity that has happened may carry. */
  latestPastDate: () => string
}

/** How far a device's clock may run ahead of the server's without its records being refused. */
export const CLOCK_SKEW_MS = 15 * 60_000
/** The furthest ahead of UTC a time zone runs (UTC+14, Line Islands). */
const MAX_UTC_OFFSET_MS = 14 * 3_600_000

/** The latest calendar date anywhere on Earth at `now`, with the tolerated clock skew. */
export function latestDateOnEarth(now: Date = new Date()): string {
  return new Date(now.getTime() + MAX_UTC_OFFSET_MS + CLOCK_SKEW_MS).toISOString().slice(0, 10)
}

/** The rules of a record received from elsewhere (server push, device pull). */
export const ANYWHERE_ON_EARTH: DateRules = { latestPastDate: () => latestDateOnEarth() }

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** A happened activity dated after the latest allowed day; dates that fail parsing are left to their own error. */
export function checkNotInFuture(date: unknown, rules: DateRules, ctx: z.RefinementCtx, message: string): void {
  if (typeof date === 'string' && ISO_DAY.test(date) && date > rules.latestPastDate()) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: `form.errors.${message}` })
  }
}

/**
 * Cross-field rules run even when other fields fail (`when`), so a form shows every error in
 * one pass; they read the raw value defensively, since it may not have parsed.
 */
export const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

/** A list of strings from a value that may not have parsed. */
export const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** Cross-field rules of the national form shared by both kinds of activity. */
export function checkThemes(raw: object, ctx: z.RefinementCtx, options: { requireAdminThemes: boolean } = { requireAdminThemes: true }): void {
  const value = raw as Record<string, unknown>
  const themes = stringsOf(value.themes)
  const adminThemes = stringsOf(value.adminThemes)
  const equipment = stringsOf(value.equipment)
  const procedure = themes.includes(PROCEDURE_THEME)
  if (procedure && options.requireAdminThemes && adminThemes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['adminThemes'], message: 'form.errors.adminThemesRequired' })
  }
  if (!procedure && (adminThemes.length > 0 || value.procedureName || value.onBehalf === true)) {
    ctx.addIssue({ code: 'custom', path: ['adminThemes'], message: 'form.errors.adminThemesWithoutProcedure' })
  }
  if (equipment.includes('aucun') && equipment.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['equipment'], message: 'form.errors.equipmentNone' })
  }
}
