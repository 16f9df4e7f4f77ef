// Closed value lists of the scenario format, as plain constants: the browser needs them for
// filters and labels without shipping zod. The national theme ids come from La Coop de la
// médiation numérique (docs/national-lists.md); DigComp codes from
// DigComp 2.2 (the codes are listed below).
import { ADMIN_THEMES, THEMES as NATIONAL_THEMES } from '../../schemas/lists.ts'

/** Who a scenario is written for: led by an agent, followed alone, or run as a workshop. */
export const AUDIENCES = ['agent', 'self', 'workshop'] as const
export type Audience = (typeof AUDIENCES)[number]

export const SCENARIO_LEVELS = ['first-steps', 'intermediate', 'confident'] as const
export type ScenarioLevel = (typeof SCENARIO_LEVELS)[number]

export const DEVICES = ['android', 'ios', 'computer', 'any'] as const
export type Device = (typeof DEVICES)[number]

/** How an end step closes the scenario. */
export const SCENARIO_OUTCOMES = ['done', 'needs-help', 'refer'] as const
export type ScenarioOutcome = (typeof SCENARIO_OUTCOMES)[number]

/** The civic topics of the CESE opinion (2017) a scenario can serve. */
export const CIVIC_TOPICS = ['petition', 'consultation', 'hateful-content', 'checking-information', 'pseudonym', 'data-rights'] as const
export type CivicTopic = (typeof CIVIC_TOPICS)[number]

/** How a vetted source was seen: its own page read, only a link to it, or a copy elsewhere. */
export const SOURCE_SEEN = ['page', 'link', 'mirror'] as const
export type SourceSeen = (typeof SOURCE_SEEN)[number]

/** National themes (mediation, then administrative), from the one shared list. */
export const MEDIATION_THEMES = NATIONAL_THEMES
export const ADMINISTRATIVE_THEMES = ADMIN_THEMES

export const SCENARIO_THEMES = [...MEDIATION_THEMES, ...ADMINISTRATIVE_THEMES] as const
export type ScenarioTheme = (typeof SCENARIO_THEMES)[number]

export const DIGCOMP_CODES = [
  '1.1', '1.2', '1.3',
  '2.1', '2.2', '2.3', '2.4', '2.5', '2.6',
  '3.1', '3.2', '3.3', '3.4',
  '4.1', '4.2', '4.3', '4.4',
  '5.1', '5.2', '5.3', '5.4',
] as const
export type DigCompCode = (typeof DIGCOMP_CODES)[number]

export function isTheme(value: string): value is ScenarioTheme {
  return (SCENARIO_THEMES as readonly string[]).includes(value)
}

export function isAdministrativeTheme(value: string): boolean {
  return (ADMINISTRATIVE_THEMES as readonly string[]).includes(value)
}
