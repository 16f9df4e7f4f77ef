// Closed value lists of the scenario format, as plain constants: the browser needs them for
// filters and labels without shipping zod. The national theme ids come from La Coop de la
// médiation numérique (shared/reference/national-activity-report.md); DigComp codes from
// DigComp 2.2 (shared/reference/digcomp.md).

/** Who a scenario is written for: led by an agent, followed alone, or run as a workshop. */
export const AUDIENCES = ['agent', 'self', 'workshop'] as const
export type Audience = (typeof AUDIENCES)[number]

export const LEVELS = ['first-steps', 'intermediate', 'confident'] as const
export type Level = (typeof LEVELS)[number]

export const DEVICES = ['android', 'ios', 'computer', 'any'] as const
export type Device = (typeof DEVICES)[number]

/** How an end step closes the scenario. */
export const OUTCOMES = ['done', 'needs-help', 'refer'] as const
export type Outcome = (typeof OUTCOMES)[number]

/** Digital-mediation themes of the national activity report (`thematiques`). */
export const MEDIATION_THEMES = [
  'diagnostic_numerique',
  'prendre_en_main_du_materiel',
  'maintenance_de_materiel',
  'gere_ses_contenus_numeriques',
  'navigation_sur_internet',
  'email',
  'bureautique',
  'reseaux_sociaux',
  'sante',
  'banque_et_achats_en_ligne',
  'entrepreneuriat',
  'insertion_professionnelle',
  'securite_numerique',
  'parentalite',
  'scolarite_et_numerique',
  'creer_avec_le_numerique',
  'culture_numerique',
  'intelligence_artificielle',
  'aide_aux_demarches_administratives',
] as const

/** Administrative themes: only meaningful together with `aide_aux_demarches_administratives`. */
export const ADMINISTRATIVE_THEMES = [
  'papiers_elections_citoyennete',
  'famille_scolarite',
  'social_sante',
  'travail_formation',
  'logement',
  'transports_mobilite',
  'argent_impots',
  'justice',
  'etrangers_europe',
  'loisirs_sports_culture',
  'associations',
] as const

export const THEMES = [...MEDIATION_THEMES, ...ADMINISTRATIVE_THEMES] as const
export type Theme = (typeof THEMES)[number]

export const DIGCOMP_CODES = [
  '1.1', '1.2', '1.3',
  '2.1', '2.2', '2.3', '2.4', '2.5', '2.6',
  '3.1', '3.2', '3.3', '3.4',
  '4.1', '4.2', '4.3', '4.4',
  '5.1', '5.2', '5.3', '5.4',
] as const
export type DigCompCode = (typeof DIGCOMP_CODES)[number]

export function isTheme(value: string): value is Theme {
  return (THEMES as readonly string[]).includes(value)
}

export function isAdministrativeTheme(value: string): boolean {
  return (ADMINISTRATIVE_THEMES as readonly string[]).includes(value)
}
