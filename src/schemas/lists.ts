// The value lists of the national activity report (La Coop de la médiation numérique), by their
// stored identifiers (described in docs/national-lists.md), plus Tandem's own lists.
// Labels live in the locale files under `lists.<list>.<id>`; French labels are the
// platform's, copied exactly, and exports always use them.

export const ACTIVITY_KINDS = ['individuel', 'collectif'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

export const DURATION_PRESETS = [15, 30, 45, 60, 90, 120] as const

export const PLACE_TYPES = ['lieu_activite', 'domicile', 'a_distance', 'autre'] as const
export type PlaceType = (typeof PLACE_TYPES)[number]

export const EQUIPMENT = ['ordinateur', 'telephone', 'tablette', 'autre', 'aucun'] as const
export type Equipment = (typeof EQUIPMENT)[number]

export const PROCEDURE_THEME = 'aide_aux_demarches_administratives'

export const THEMES = [
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
  PROCEDURE_THEME,
] as const
export type Theme = (typeof THEMES)[number]

export const ADMIN_THEMES = [
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
export type AdminTheme = (typeof ADMIN_THEMES)[number]

export const AUTONOMY_LEVELS = ['entierement_accompagne', 'partiellement_autonome', 'autonome'] as const
export type Autonomy = (typeof AUTONOMY_LEVELS)[number]

export const REFERRAL_TYPES = [
  'operateur_ou_organisme_en_charge',
  'aide_aux_demarches_administratives',
  'administration',
  'mediation_numerique',
  'aide_sociale',
  'insertion_professionnelle',
  'autre',
] as const
export type ReferralType = (typeof REFERRAL_TYPES)[number]

export const AGE_BRACKETS = [
  'moins_de_douze',
  'douze_dix_huit',
  'dix_huit_vingt_quatre',
  'vingt_cinq_trente_neuf',
  'quarante_cinquante_neuf',
  'soixante_soixante_neuf',
  'soixante_dix_plus',
  'non_communique',
] as const
export type AgeBracket = (typeof AGE_BRACKETS)[number]

export const SOCIAL_STATUSES = ['scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique'] as const
export type SocialStatus = (typeof SOCIAL_STATUSES)[number]

export const GENDERS = ['masculin', 'feminin', 'non_communique'] as const
export type Gender = (typeof GENDERS)[number]

export const WORKSHOP_LEVELS = ['debutant', 'intermediaire', 'avance'] as const
export type WorkshopLevel = (typeof WORKSHOP_LEVELS)[number]

/** Tandem's own: how the person's problem ended. */
export const OUTCOMES = ['resolu', 'partiellement_resolu', 'non_resolu'] as const
export type Outcome = (typeof OUTCOMES)[number]

/** Every list with labels, by its key under `lists`. */
export const LISTS = {
  kinds: ACTIVITY_KINDS,
  placeTypes: PLACE_TYPES,
  equipment: EQUIPMENT,
  themes: THEMES,
  adminThemes: ADMIN_THEMES,
  autonomy: AUTONOMY_LEVELS,
  referralTypes: REFERRAL_TYPES,
  ageBrackets: AGE_BRACKETS,
  statuses: SOCIAL_STATUSES,
  genders: GENDERS,
  levels: WORKSHOP_LEVELS,
  outcomes: OUTCOMES,
} as const
export type ListName = keyof typeof LISTS

/** Turns a stored identifier into its label (French for exports, the interface language on screen). */
export type Labeller = (list: ListName, id: string) => string
