// Matching the values of a places file against the national vocabulary: v1.0.x labels (with
// the variants real files write) and the v0.1.x values, each mapped to its v1 value. The
// mapping is explained in docs/places.md; change both together.
import { NATIONAL_LABELS, type PlaceList } from '../../schemas/places.ts'
import { matchKey } from './normalise.ts'

/** Where a v0.1.x value goes in v1: a value of a list, or nowhere (`null`: no v1 equivalent). */
type V0Target = { list: PlaceList; id: string } | { list: 'otherLabels' } | null

const to = (list: PlaceList, id: string): V0Target => ({ list, id })

/** v0.1.x `services` (15 values) → v1 `services` (9). */
const V0_SERVICES: Record<string, V0Target> = {
  'Devenir autonome dans les démarches administratives': to('services', 'aide_demarches'),
  'Réaliser des démarches administratives avec un accompagnement': to('services', 'aide_demarches'),
  'Accompagner les démarches de santé': to('services', 'aide_demarches'),
  'Prendre en main un smartphone ou une tablette': to('services', 'outils_quotidien'),
  'Prendre en main un ordinateur': to('services', 'outils_quotidien'),
  'Utiliser le numérique au quotidien': to('services', 'outils_quotidien'),
  'Approfondir ma culture numérique': to('services', 'comprehension_numerique'),
  'Promouvoir la citoyenneté numérique': to('services', 'comprehension_numerique'),
  'Favoriser mon insertion professionnelle': to('services', 'insertion_professionnelle'),
  'Créer et développer mon entreprise': to('services', 'insertion_professionnelle'),
  'Accéder à une connexion internet': to('services', 'acces_internet'),
  'Accéder à du matériel': to('services', 'acces_internet'),
  "S'équiper en matériel informatique": to('services', 'materiel_solidaire'),
  'Créer avec le numérique': to('services', 'loisirs_creations'),
  "Soutenir la parentalité et l'éducation avec le numérique": to('services', 'parentalite'),
}

/** v0.1.x `publics_accueillis` → v1 `publics_specifiquement_adresses` or `prise_en_charge_specifique`. */
const V0_PUBLICS: Record<string, V0Target> = {
  'Seniors (+ 65 ans)': to('publics', 'seniors'),
  'Familles/enfants': to('publics', 'familles_enfants'),
  'Jeunes (16-26 ans)': to('publics', 'jeunes'),
  'Uniquement femmes': to('publics', 'femmes'),
  // « Adultes » is everyone: v1 says so by leaving the field empty.
  Adultes: null,
  'Public langues étrangères': to('supports', 'langues_autres'),
  'Déficience visuelle': to('supports', 'deficience_visuelle'),
  Surdité: to('supports', 'surdite'),
  'Handicaps psychiques': to('supports', 'handicaps_mentaux'),
  'Handicaps mentaux': to('supports', 'handicaps_mentaux'),
  "Personnes en situation d'illettrisme": to('supports', 'illettrisme'),
}

/** v0.1.x `conditions_acces` → v1 `frais_a_charge` (matched on the part before « : »). */
const V0_COSTS: Record<string, V0Target> = {
  Gratuit: to('costs', 'gratuit'),
  'Gratuit sous condition': to('costs', 'gratuit_sous_condition'),
  Payant: to('costs', 'payant'),
  'Accepte le Pass numérique': to('costs', 'gratuit_sous_condition'),
  Adhésion: to('costs', 'payant'),
}

/** v0.1.x `labels_nationaux` → v1 `dispositif_programmes_nationaux`, `formations_labels`, or kept as another label. */
const V0_LABELS: Record<string, V0Target> = {
  'France Services': to('programmes', 'france_services'),
  CNFS: to('programmes', 'conseillers_numeriques'),
  'Aidants Connect': to('programmes', 'aidants_connect'),
  'Grandes écoles du numérique': to('programmes', 'grande_ecole_numerique'),
  'Point relais CAF': to('programmes', 'point_numerique_caf'),
  'Point numérique CAF': to('programmes', 'point_numerique_caf'),
  'Fabriques de Territoire': to('labels', 'fabriques_territoire'),
  APTIC: { list: 'otherLabels' },
  'Relais pôle emploi': { list: 'otherLabels' },
  'French Tech': { list: 'otherLabels' },
  'Campus connecté': { list: 'otherLabels' },
}

/** v0.1.x `modalites_accompagnement` → v1 (matched on the part before « : »). */
const V0_MODALITIES: Record<string, V0Target> = {
  Seul: to('modalities', 'en_autonomie'),
  "Avec de l'aide": to('modalities', 'accompagnement_individuel'),
  'Dans un atelier': to('modalities', 'atelier_collectif'),
  // v1 has no « on my behalf »: the nearest is individual support.
  'A ma place': to('modalities', 'accompagnement_individuel'),
}

export const V0_VOCABULARY = { services: V0_SERVICES, publics: V0_PUBLICS, costs: V0_COSTS, labels: V0_LABELS, modalities: V0_MODALITIES } as const

function indexOf(table: Record<string, V0Target>): Map<string, V0Target> {
  return new Map(Object.entries(table).map(([label, target]) => [matchKey(label), target]))
}

const V1_INDEX = new Map<PlaceList, Map<string, string>>(
  (Object.keys(NATIONAL_LABELS) as PlaceList[]).map((list) => [list, new Map(Object.entries(NATIONAL_LABELS[list]).map(([id, label]) => [matchKey(label), id]))]),
)
const V0_INDEX = Object.fromEntries(Object.entries(V0_VOCABULARY).map(([name, table]) => [name, indexOf(table)])) as Record<keyof typeof V0_VOCABULARY, Map<string, V0Target>>

/** The keys a value is tried under: as written, before « : » (v0's long forms), before « ( » (explanations). */
function candidateKeys(value: string): string[] {
  const keys = [matchKey(value)]
  const colon = value.indexOf(' :')
  if (colon > 0) keys.push(matchKey(value.slice(0, colon)))
  const paren = value.indexOf('(')
  if (paren > 0) keys.push(matchKey(value.slice(0, paren)))
  return keys
}

/** The v1 id of a value in a list, whatever its case, accents, apostrophes and spaces; null when unknown. */
export function matchV1(list: PlaceList, value: string): string | null {
  const index = V1_INDEX.get(list)
  if (!index) return null
  for (const key of candidateKeys(value)) {
    const id = index.get(key)
    if (id) return id
  }
  return null
}

export type V0Match = { found: true; target: V0Target } | { found: false }

/** Where a v0.1.x value goes; v1 values written in a v0 file are accepted too (mixed files). */
export function matchV0(table: keyof typeof V0_VOCABULARY, value: string, v1List: PlaceList): V0Match {
  for (const key of candidateKeys(value)) {
    const index = V0_INDEX[table]
    if (index.has(key)) return { found: true, target: index.get(key) ?? null }
  }
  const v1 = matchV1(v1List, value)
  return v1 ? { found: true, target: { list: v1List, id: v1 } } : { found: false }
}
