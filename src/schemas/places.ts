// A place of digital mediation from the national open-data directory (« Lieux de médiation
// numérique », schema standard-mediation-num v1; docs/places.md), as stored
// on the device and on the server: a shared record of the structure, pulled through sync.
// Relative imports only: the server imports this file and the import modules built on it.
//
// Closed lists are stored as Tandem ids (labels in `places.*` locale keys); the national French
// label of each id is here, because the importer matches file values against it and the CSV
// export writes it. Opening hours are parsed once at import into weekly intervals (`hours`), so
// the list and the search never load the opening_hours library.
import { z } from 'zod'
import { recordBaseShape } from './record.ts'

export const PLACE_SERVICES = [
  'aide_demarches',
  'outils_quotidien',
  'insertion_professionnelle',
  'usage_securise',
  'parentalite',
  'loisirs_creations',
  'comprehension_numerique',
  'acces_internet',
  'materiel_solidaire',
] as const
export type PlaceService = (typeof PLACE_SERVICES)[number]

export const PLACE_PUBLICS = ['jeunes', 'etudiants', 'familles_enfants', 'seniors', 'femmes'] as const
export type PlacePublic = (typeof PLACE_PUBLICS)[number]

export const PLACE_SUPPORTS = ['surdite', 'handicaps_moteurs', 'handicaps_mentaux', 'illettrisme', 'langues_anglais', 'langues_autres', 'deficience_visuelle'] as const
export type PlaceSupport = (typeof PLACE_SUPPORTS)[number]

export const PLACE_COSTS = ['gratuit', 'gratuit_sous_condition', 'payant'] as const
export type PlaceCost = (typeof PLACE_COSTS)[number]

export const PLACE_PROGRAMMES = [
  'aidants_connect',
  'bibliotheques_numerique_reference',
  'certification_pix',
  'conseillers_numeriques',
  'emmaus_connect',
  'france_services',
  'grande_ecole_numerique',
  'croix_rouge',
  'point_numerique_caf',
  'promeneurs_du_net',
  'relais_numerique_emmaus',
] as const

export const PLACE_LABELS = [
  'mon_espace_sante',
  'duplex',
  'arnia_mednum_bfc',
  'reemploi_normandie',
  'etapes_numeriques_la_poste',
  'fabriques_territoire',
  'eclaireurs_drome',
  'mes_papiers_lyon',
  'ordi_3_0',
  'sud_labs',
] as const

export const PLACE_ACCESS = ['se_presenter', 'telephoner', 'contacter_par_mail', 'rdv_en_ligne', 'pas_de_public', 'fiche_prescription'] as const
export const PLACE_MODALITIES = ['en_autonomie', 'accompagnement_individuel', 'atelier_collectif', 'a_distance'] as const
export const PLACE_MOBILITY = ['itinerant', 'fixe'] as const

/** The national French label of every id, per list (v1.0.2 of the schema). */
export const NATIONAL_LABELS = {
  services: {
    aide_demarches: 'Aide aux démarches administratives',
    outils_quotidien: 'Maîtrise des outils numériques du quotidien',
    insertion_professionnelle: 'Insertion professionnelle via le numérique',
    usage_securise: 'Utilisation sécurisée du numérique',
    parentalite: 'Parentalité et éducation avec le numérique',
    loisirs_creations: 'Loisirs et créations numériques',
    comprehension_numerique: 'Compréhension du monde numérique',
    acces_internet: 'Accès internet et matériel informatique',
    materiel_solidaire: 'Acquisition de matériel informatique à prix solidaire',
  },
  publics: { jeunes: 'Jeunes', etudiants: 'Étudiants', familles_enfants: 'Familles et/ou enfants', seniors: 'Seniors', femmes: 'Femmes' },
  supports: {
    surdite: 'Surdité',
    handicaps_moteurs: 'Handicaps moteurs',
    handicaps_mentaux: 'Handicaps mentaux',
    illettrisme: 'Illettrisme',
    langues_anglais: 'Langues étrangères (anglais)',
    langues_autres: 'Langues étrangères (autres)',
    deficience_visuelle: 'Déficience visuelle',
  },
  costs: { gratuit: 'Gratuit', gratuit_sous_condition: 'Gratuit sous condition', payant: 'Payant' },
  programmes: {
    aidants_connect: 'Aidants Connect',
    bibliotheques_numerique_reference: 'Bibliothèques numérique de référence',
    certification_pix: 'Certification PIX',
    conseillers_numeriques: 'Conseillers numériques',
    emmaus_connect: 'Emmaüs Connect',
    france_services: 'France Services',
    grande_ecole_numerique: 'Grande école du numérique',
    croix_rouge: 'La Croix Rouge',
    point_numerique_caf: "Point d'accès numérique CAF",
    promeneurs_du_net: 'Promeneurs du net',
    relais_numerique_emmaus: 'Relais numérique (Emmaüs Connect)',
  },
  labels: {
    mon_espace_sante: 'Formé à « Mon Espace Santé »',
    duplex: 'Formé à « DUPLEX » (illettrisme)',
    arnia_mednum_bfc: 'Arnia/MedNum BFC (Bourgogne-Franche-Comté)',
    reemploi_normandie: 'Collectif ressources et acteurs réemploi (Normandie)',
    etapes_numeriques_la_poste: 'Étapes numériques (La Poste)',
    fabriques_territoire: 'Fabriques de Territoire',
    eclaireurs_drome: 'Les Éclaireurs du numérique (Drôme)',
    mes_papiers_lyon: 'Mes Papiers (Métropole de Lyon)',
    ordi_3_0: 'ORDI 3.0',
    sud_labs: 'SUD LABS (PACA)',
  },
  access: {
    se_presenter: 'Se présenter',
    telephoner: 'Téléphoner',
    contacter_par_mail: 'Contacter par mail',
    rdv_en_ligne: 'Prendre un RDV en ligne',
    pas_de_public: "Ce lieu n'accueille pas de public",
    fiche_prescription: 'Envoyer un mail avec une fiche de prescription',
  },
  modalities: { en_autonomie: 'En autonomie', accompagnement_individuel: 'Accompagnement individuel', atelier_collectif: 'Dans un atelier collectif', a_distance: 'À distance' },
  mobility: { itinerant: 'Itinérant', fixe: 'Fixe' },
} as const
export type PlaceList = keyof typeof NATIONAL_LABELS

/** Minutes in a week; a weekly minute counts from Monday 00:00 local time. */
export const WEEK_MINUTES = 7 * 24 * 60

/** One opening: [start, end) in weekly minutes, start < end ≤ WEEK_MINUTES (a week-end wrap is split in two). */
export const weeklyIntervalSchema = z
  .tuple([z.number().int().min(0).max(WEEK_MINUTES), z.number().int().min(0).max(WEEK_MINUTES)])
  .refine(([start, end]) => start < end, 'empty interval')

export const placeHoursSchema = z.object({
  /** Sorted, non-overlapping openings of a typical week (no public holiday, no seasonal rule). */
  weekly: z.array(weeklyIntervalSchema),
  /** False when the rules vary by date (seasons, public holidays): the week shown is a typical one. */
  weekStable: z.boolean(),
})
export type PlaceHours = z.infer<typeof placeHoursSchema>

const text = (max: number) => z.string().max(max)
const list = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values))

export const placeContentShape = {
  kind: z.literal('lieu'),
  /** The producer's `id` column, when the file has one. */
  sourceId: text(200).nullable(),
  /** SIRET or RNA, null when missing or the all-zero placeholder. */
  pivot: z.string().regex(/^[a-zA-Z0-9]{9,14}$/).nullable(),
  name: text(300).min(1),
  commune: text(150).min(1),
  postcode: z.string().regex(/^\d{5}$/),
  inseeCode: z.string().regex(/^([013-9]\d|2[AB1-9])\d{3}$/).nullable(),
  /** Département code (`01`…`95`, `2A`, `2B`, `971`…): what a structure chooses to load. */
  departement: z.string().regex(/^(\d{2,3}|2[AB])$/),
  address: text(300).min(1),
  addressComplement: text(300).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  typologies: z.array(text(40)),
  /** In +33… form when it could be normalised, else as written (still dialable). */
  phone: text(60).nullable(),
  emails: z.array(text(200)),
  websites: z.array(text(500)),
  /** `horaires` as written in the file (shown as text when it could not be parsed). */
  hoursText: text(1000).nullable(),
  /** Parsed at import; null when there are no hours or the text did not parse. */
  hours: placeHoursSchema.nullable(),
  summary: text(600).nullable(),
  description: text(5000).nullable(),
  source: text(200).nullable(),
  parent: text(300).nullable(),
  /** `date_maj`: when the producer last updated the place; null when missing or unreadable. */
  updatedOn: z.iso.date().nullable(),
  services: list(PLACE_SERVICES),
  publics: list(PLACE_PUBLICS),
  supports: list(PLACE_SUPPORTS),
  costs: list(PLACE_COSTS),
  programmes: list(PLACE_PROGRAMMES),
  labels: list(PLACE_LABELS),
  /** `autres_formations_labels`, and v0 labels v1 no longer lists. */
  otherLabels: z.array(text(200)),
  access: list(PLACE_ACCESS),
  modalities: list(PLACE_MODALITIES),
  mobility: list(PLACE_MOBILITY),
  accessibilityUrl: text(500).nullable(),
  bookingUrl: text(500).nullable(),
  /** Values of closed lists that matched nothing, kept as written (« other »). */
  otherValues: z.array(z.object({ field: text(60), value: text(300) })),
  /** Normalised name and commune (no case, accents, apostrophes or punctuation): search keys. */
  nameKey: z.string(),
  communeKey: z.string(),
}

/** The stored and synced place; fields written by a newer version are kept. */
export const placeRecordSchema = z.looseObject({ ...recordBaseShape, ...placeContentShape })
export type Place = z.infer<typeof placeRecordSchema>
/** A place's own fields, without the record's base fields (what an import produces). */
export const placeContentSchema = z.object(placeContentShape)
export type PlaceContent = z.infer<typeof placeContentSchema>

/** The centre of a commune, averaged from the coordinates of its places (built at import). */
export const communeCentreSchema = z.object({
  /** `${postcode}|${communeKey}` */
  key: z.string(),
  postcode: z.string(),
  communeKey: z.string(),
  commune: z.string(),
  departement: z.string(),
  latSum: z.number(),
  lonSum: z.number(),
  /** Places with coordinates counted in the sums. */
  located: z.number().int().min(0),
  /** Places counted, with or without coordinates. */
  places: z.number().int().min(0),
})
export type CommuneCentre = z.infer<typeof communeCentreSchema>
