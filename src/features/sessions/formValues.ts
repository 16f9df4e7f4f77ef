// The accompaniment form's values and the rules that change several fields at once (ticking a
// theme, choosing « Pas de matériel »), kept pure so they are tested without a component.
import { today } from '@/lib/dates'
import type { ActivitySettings } from './activitySettings'
import { ADMIN_THEMES, EQUIPMENT, PROCEDURE_THEME, THEMES, type AdminTheme, type Equipment, type Outcome, type Theme } from '@/lib/lists'
import type { SessionContent, SessionLog } from './schema'

/** What the form holds: a log's content, with the fields the person has not chosen yet empty. */
export type SessionFormValues = Omit<SessionContent, 'durationMinutes' | 'outcome'> & {
  durationMinutes: number | null
  outcome: Outcome | null
}

export function emptySessionValues(settings: ActivitySettings, date: string = today()): SessionFormValues {
  return {
    date,
    startTime: null,
    durationMinutes: null,
    placeType: settings.placeType,
    placeName: settings.placeName,
    placeCommune: settings.placeCommune,
    placePostcode: settings.placePostcode,
    equipment: [],
    themes: [],
    adminThemes: [],
    procedureName: null,
    onBehalf: false,
    scenarioIds: [],
    profile: { ageBracket: null, status: null, gender: null, residenceCommune: null, residencePostcode: null, alreadyAccompanied: null },
    autonomy: null,
    outcome: null,
    referral: { oriented: null, structureType: null, placeId: null },
    followUp: false,
    notes: '',
  }
}

/** Fields that hold themes: shared by accompaniments and workshops. */
export interface ThemedValues {
  themes: Theme[]
  adminThemes: AdminTheme[]
  procedureName: string | null
  onBehalf: boolean
}

/** Ticks or unticks a theme; unticking the procedure theme clears what depends on it. */
export function toggleTheme<T extends ThemedValues>(values: T, theme: Theme): T {
  const on = values.themes.includes(theme)
  const themes = on ? values.themes.filter((t) => t !== theme) : THEMES.filter((t) => t === theme || values.themes.includes(t))
  if (theme === PROCEDURE_THEME && on) return { ...values, themes, adminThemes: [], procedureName: null, onBehalf: false }
  return { ...values, themes }
}

export function toggleAdminTheme<T extends ThemedValues>(values: T, theme: AdminTheme): T {
  const on = values.adminThemes.includes(theme)
  return { ...values, adminThemes: on ? values.adminThemes.filter((t) => t !== theme) : ADMIN_THEMES.filter((t) => t === theme || values.adminThemes.includes(t)) }
}

/** « Pas de matériel » excludes the others, and choosing another removes it. */
export function toggleEquipment(current: readonly Equipment[], item: Equipment): Equipment[] {
  if (current.includes(item)) return current.filter((e) => e !== item)
  if (item === 'aucun') return ['aucun']
  return EQUIPMENT.filter((e) => e !== 'aucun' && (e === item || current.includes(e)))
}

/**
 * Scenario themes use one list for both kinds of theme: split them into the log's fields, the
 * administrative ones bringing the procedure theme with them. Unknown ids are dropped.
 */
export function splitScenarioThemes(ids: readonly string[]): { themes: Theme[]; adminThemes: AdminTheme[] } {
  const adminThemes = ADMIN_THEMES.filter((t) => ids.includes(t))
  const themes = THEMES.filter((t) => ids.includes(t) || (t === PROCEDURE_THEME && adminThemes.length > 0))
  return { themes, adminThemes }
}

export interface SessionPrefill {
  scenarioIds: string[]
  minutes: number | null
}

/** Reads the `session-new` query: `scenarios=<id>[,<id>]&minutes=<n>`; anything malformed is ignored. */
export function readPrefillQuery(query: Record<string, unknown>): SessionPrefill {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const rawScenarios = first(query.scenarios)
  const scenarioIds = typeof rawScenarios === 'string' ? [...new Set(rawScenarios.split(',').map((s) => s.trim()).filter((s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s)))] : []
  const rawMinutes = first(query.minutes)
  const n = typeof rawMinutes === 'string' && /^\d{1,4}$/.test(rawMinutes) ? Number(rawMinutes) : NaN
  return { scenarioIds, minutes: n >= 1 && n <= 1439 ? n : null }
}

/** Applies a prefill: duration, scenarios and their themes (merged with any already ticked). */
export function applyPrefill(values: SessionFormValues, prefill: SessionPrefill, scenarioThemeIds: readonly string[]): SessionFormValues {
  const split = splitScenarioThemes(scenarioThemeIds)
  return {
    ...values,
    durationMinutes: prefill.minutes ?? values.durationMinutes,
    scenarioIds: [...new Set([...values.scenarioIds, ...prefill.scenarioIds])],
    themes: THEMES.filter((t) => values.themes.includes(t) || split.themes.includes(t)),
    adminThemes: ADMIN_THEMES.filter((t) => values.adminThemes.includes(t) || split.adminThemes.includes(t)),
  }
}

/** The form's values for editing a saved log. */
export function valuesFromLog(log: SessionLog): SessionFormValues {
  const { id: _id, structureId: _s, authorId: _a, createdAt: _c, updatedAt: _u, deletedAt: _d, rev: _r, kind: _k, ...content } = log
  return structuredClone(content)
}

/** A copy of a log as a new one, dated today: the same kind of help given again. */
export function duplicateValues(log: SessionLog, date: string = today()): SessionFormValues {
  return { ...valuesFromLog(log), date, startTime: null, notes: '' }
}
