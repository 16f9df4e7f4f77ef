// The activity export: one row per activity, the national platform's column names in its order
// for the columns Tandem has (shared/reference/national-activity-report.md, "The platform's
// activity export"), then Tandem's own. Column names are a file format shared with the national
// report, so they are not translated; cells hold French labels, never identifiers, and
// multi-valued cells are joined by line breaks as the platform does.
import type { Labeller } from '@/schemas/lists'
import { AUTONOMY_LEVELS } from '@/schemas/lists'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'

export const EXPORT_COLUMNS = [
  'Date',
  'Enregistré le',
  'Dernière modification le',
  'Type',
  'Participants',
  "Canaux d'accompagnement",
  'Nom du lieu',
  'Commune',
  'Code postal',
  'Durée (min)',
  "Nom de l'atelier",
  'Matériel numérique utilisé',
  "Thématique(s) d'accompagnement",
  'Nom de la démarche administrative',
  "Niveau d'autonomie (ou de l'atelier)",
  'Bénéficiaire réorienté',
  'Structure de redirection',
  'Commune du bénéficiaire',
  'Code postal du bénéficiaire',
  'Genre du bénéficiaire',
  "Tranche d'âge du bénéficiaire",
  'Statut du bénéficiaire',
  'Notes supplémentaires',
  'ID CRA',
  // Tandem's own columns.
  'Scénarios utilisés',
  'Résultat',
  'Suivi souhaité',
  'Démarche faite pour la personne',
  'Déjà accompagné',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

export interface ExportLabels {
  label: Labeller
  yes: string
  no: string
  /** A scenario's title, or its id when unknown. */
  scenario: (id: string) => string
}

export type ExportRow = Record<ExportColumn, string | number>

const pad = (n: number) => String(n).padStart(2, '0')

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

/** An ISO timestamp in local time as 'DD/MM/YYYY HH:MM'. */
export function frenchDateTime(iso: string): string {
  const d = new Date(iso)
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

const lines = (values: readonly string[]) => values.join('\n')
const yesNo = (value: boolean | null, l: ExportLabels) => (value === null ? '' : value ? l.yes : l.no)

function common(r: Accompaniment | Workshop, l: ExportLabels) {
  return {
    Date: frenchDate(r.date),
    'Enregistré le': frenchDateTime(r.createdAt),
    'Dernière modification le': frenchDateTime(r.updatedAt),
    Type: l.label('kinds', r.kind),
    "Canaux d'accompagnement": l.label('placeTypes', r.placeType),
    'Nom du lieu': r.placeName ?? '',
    Commune: r.placeCommune ?? '',
    'Code postal': r.placePostcode ?? '',
    'Durée (min)': r.durationMinutes ?? '',
    'Matériel numérique utilisé': lines(r.equipment.map((e) => l.label('equipment', e))),
    "Thématique(s) d'accompagnement": lines([...r.themes.map((t) => l.label('themes', t)), ...r.adminThemes.map((t) => l.label('adminThemes', t))]),
    'Nom de la démarche administrative': r.procedureName ?? '',
    'Notes supplémentaires': r.notes,
    'ID CRA': r.id,
    'Démarche faite pour la personne': r.themes.includes('aide_aux_demarches_administratives') ? yesNo(r.onBehalf, l) : '',
  }
}

export function sessionRow(s: Accompaniment, l: ExportLabels): ExportRow {
  return {
    ...common(s, l),
    Participants: 1,
    "Nom de l'atelier": '',
    "Niveau d'autonomie (ou de l'atelier)": s.autonomy ? `${AUTONOMY_LEVELS.indexOf(s.autonomy) + 1}/3` : '',
    'Bénéficiaire réorienté': yesNo(s.referral.oriented, l),
    'Structure de redirection': s.referral.structureType ? l.label('referralTypes', s.referral.structureType) : '',
    'Commune du bénéficiaire': s.profile.residenceCommune ?? '',
    'Code postal du bénéficiaire': s.profile.residencePostcode ?? '',
    'Genre du bénéficiaire': s.profile.gender ? l.label('genders', s.profile.gender) : '',
    "Tranche d'âge du bénéficiaire": s.profile.ageBracket ? l.label('ageBrackets', s.profile.ageBracket) : '',
    'Statut du bénéficiaire': s.profile.status ? l.label('statuses', s.profile.status) : '',
    'Scénarios utilisés': lines(s.scenarioIds.map(l.scenario)),
    Résultat: l.label('outcomes', s.outcome),
    'Suivi souhaité': yesNo(s.followUp, l),
    'Déjà accompagné': yesNo(s.profile.alreadyAccompanied, l),
  }
}

/** A breakdown as « Label : n » lines, in the list's order. */
function breakdown(b: Partial<Record<string, number>> | null, list: 'genders' | 'ageBrackets' | 'statuses', l: ExportLabels): string {
  if (!b) return ''
  return lines(Object.entries(b).filter(([, n]) => (n ?? 0) > 0).map(([id, n]) => `${l.label(list, id)} : ${n}`))
}

export function workshopRow(w: Workshop, l: ExportLabels): ExportRow {
  const p = w.participants
  return {
    ...common(w, l),
    Participants: p?.total ?? 0,
    "Nom de l'atelier": w.title ?? '',
    "Niveau d'autonomie (ou de l'atelier)": w.level ? l.label('levels', w.level) : '',
    'Bénéficiaire réorienté': '',
    'Structure de redirection': '',
    'Commune du bénéficiaire': '',
    'Code postal du bénéficiaire': '',
    'Genre du bénéficiaire': breakdown(p?.byGender ?? null, 'genders', l),
    "Tranche d'âge du bénéficiaire": breakdown(p?.byAge ?? null, 'ageBrackets', l),
    'Statut du bénéficiaire': breakdown(p?.byStatus ?? null, 'statuses', l),
    'Scénarios utilisés': lines(w.programme.map(l.scenario)),
    Résultat: '',
    'Suivi souhaité': '',
    'Déjà accompagné': p ? String(p.alreadyAccompanied) : '',
  }
}

/** Rows of every live activity (held workshops only), oldest first, as the report lists them. */
export function exportRows(sessions: readonly Accompaniment[], workshops: readonly Workshop[], l: ExportLabels): ExportRow[] {
  const all: (Accompaniment | Workshop)[] = [...sessions.filter((s) => !s.deletedAt), ...workshops.filter((w) => !w.deletedAt && w.status === 'held')]
  all.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date)))
  return all.map((r) => (r.kind === 'individuel' ? sessionRow(r, l) : workshopRow(r, l)))
}

/** Header and cells in column order, ready for CSV. */
export function exportTable(rows: readonly ExportRow[]): { headers: readonly string[]; cells: (string | number)[][] } {
  return { headers: EXPORT_COLUMNS, cells: rows.map((row) => EXPORT_COLUMNS.map((c) => row[c])) }
}

/** The JSON export: the records themselves, every field, for a person who wants their data out. */
export function exportJson(sessions: readonly Accompaniment[], workshops: readonly Workshop[], meta: { from: string; to: string; exportedAt: string }): string {
  return JSON.stringify({ format: 'tandem-activity-export', version: 1, ...meta, sessionLogs: sessions, workshops }, null, 2)
}
