// The accompaniment form's values and the rules that change several fields at once (ticking a
// theme, choosing « Pas de matériel »), kept pure so they are tested without a component.
import { today } from '@/lib/dates'
import type { ActivitySettings } from '@/schemas/activitySettings'
import { ADMIN_THEMES, THEMES, type Outcome } from '@/schemas/lists'
import { splitScenarioThemes } from '@/lib/themeChoices'
import type { AccompanimentContent, Accompaniment } from '@/schemas/accompaniment'

/** What the form holds: a log's content, with the fields the person has not chosen yet empty. */
export type AccompanimentFormValues = Omit<AccompanimentContent, 'durationMinutes' | 'outcome'> & {
  durationMinutes: number | null
  outcome: Outcome | null
}

export function emptyAccompanimentValues(settings: ActivitySettings, date: string = today()): AccompanimentFormValues {
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
    referral: { oriented: null, structureType: null, placeId: null, placeName: null },
    followUp: false,
    followUpNote: null,
    followUpDate: null,
    followUpDoneOn: null,
    followUpOf: null,
    notes: '',
  }
}

export interface AccompanimentPrefill {
  scenarioIds: string[]
  /** The accompaniment whose follow-up this one is (« Suite de… »). */
  followUpOf: string | null
}

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)

/**
 * Reads the `accompaniment-new` query: `scenarios=<id>[,<id>]`, `followUpOf=<id>`; anything
 * malformed is ignored. The duration is never taken from the address (the minutes spent in a
 * scenario are not the accompaniment's length): it comes from the agent or the timer.
 */
export function readPrefillQuery(query: Record<string, unknown>): AccompanimentPrefill {
  const rawScenarios = first(query.scenarios)
  const scenarioIds = typeof rawScenarios === 'string' ? [...new Set(rawScenarios.split(',').map((s) => s.trim()).filter((s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s)))] : []
  const rawFollowUp = first(query.followUpOf)
  const followUpOf = typeof rawFollowUp === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(rawFollowUp) ? rawFollowUp : null
  return { scenarioIds, followUpOf }
}

/** Applies a prefill: scenarios and their main themes (merged with any already ticked). */
export function applyPrefill(values: AccompanimentFormValues, prefill: AccompanimentPrefill, scenarioMainThemeIds: readonly string[]): AccompanimentFormValues {
  const split = splitScenarioThemes(scenarioMainThemeIds)
  return {
    ...values,
    scenarioIds: [...new Set([...values.scenarioIds, ...prefill.scenarioIds])],
    themes: THEMES.filter((t) => values.themes.includes(t) || split.themes.includes(t)),
    adminThemes: ADMIN_THEMES.filter((t) => values.adminThemes.includes(t) || split.adminThemes.includes(t)),
    // The person comes back: the profile says so.
    ...(prefill.followUpOf ? { followUpOf: prefill.followUpOf, profile: { ...values.profile, alreadyAccompanied: true } } : {}),
  }
}

/** Unticking « souhaite un suivi » drops its reminder and date. */
export function setFollowUp(values: AccompanimentFormValues, wanted: boolean): AccompanimentFormValues {
  return wanted ? { ...values, followUp: true } : { ...values, followUp: false, followUpNote: null, followUpDate: null }
}

/** The form's values for editing a saved log. */
export function valuesFromLog(log: Accompaniment): AccompanimentFormValues {
  const { id: _id, structureId: _s, authorId: _a, createdAt: _c, updatedAt: _u, deletedAt: _d, rev: _r, kind: _k, ...content } = log
  return structuredClone(content)
}

/** A copy of a log as a new one, dated today: the same kind of help given again. */
export function duplicateValues(log: Accompaniment, date: string = today()): AccompanimentFormValues {
  return { ...valuesFromLog(log), date, startTime: null, notes: '', followUp: false, followUpNote: null, followUpDate: null, followUpDoneOn: null, followUpOf: null }
}
