// The columns of the activity export, defined once for the tablet's CSV (features/stats) and the
// server's XLSX, CSV and JSON exports (server/src/services/console-export.ts). Relative imports
// only: the server imports this file.
//
// The order is the national platform's (docs/national-lists.md, "The
// platform's activity export"), then Tandem's own columns. Headers are a file format shared with
// the national report, so they are not translated; cells hold French labels, never identifiers,
// and multi-valued cells are joined by line breaks as the platform does.
//
// Where a column is written:
// - 'both': the tablet's CSV and the server's exports;
// - 'server': the server's exports only: the national columns Tandem has no value for yet
//   (address, INSEE codes, tags: written empty, so the layout matches column for column) and
//   who logged the activity (the tablet only holds its own user's).
import { AUTONOMY_LEVELS, type Labeller } from '../schemas/lists.ts'
import type { Accompaniment } from '../schemas/accompaniment.ts'
import type { Workshop } from '../schemas/workshop.ts'

export type Activity = Accompaniment | Workshop

export interface ExportLabels {
  label: Labeller
  yes: string
  no: string
  /** A scenario's title, or its id when unknown. */
  scenario: (id: string) => string
  /** The name of the person who logged an activity (server exports). */
  author?: (authorId: string) => string
}

/** 'date': an ISO day (YYYY-MM-DD); 'moment': an ISO timestamp; '' when empty. */
export type ColumnType = 'text' | 'number' | 'date' | 'moment'

export interface ActivityColumn {
  header: string
  type: ColumnType
  where: 'both' | 'server'
  value: (record: Activity, labels: ExportLabels) => string | number
}

const lines = (values: readonly string[]) => values.join('\n')
const yesNo = (value: boolean | null | undefined, l: ExportLabels) => (value === null || value === undefined ? '' : value ? l.yes : l.no)

/** A workshop's breakdown as « Label : n » lines, in the list's order. */
function breakdown(b: Partial<Record<string, number>> | null | undefined, list: 'genders' | 'ageBrackets' | 'statuses', l: ExportLabels): string {
  if (!b) return ''
  return lines(
    Object.entries(b)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([id, n]) => `${l.label(list, id)} : ${n}`),
  )
}

/** The value for an accompaniment or for a workshop. */
const byKind =
  (individual: (s: Accompaniment, l: ExportLabels) => string | number, collective: (w: Workshop, l: ExportLabels) => string | number) =>
  (r: Activity, l: ExportLabels) =>
    r.kind === 'individuel' ? individual(r, l) : collective(r, l)

const empty = () => ''

export const ACTIVITY_COLUMNS: readonly ActivityColumn[] = [
  { header: 'Date', type: 'date', where: 'both', value: (r) => r.date },
  { header: 'Enregistré le', type: 'moment', where: 'both', value: (r) => r.createdAt },
  { header: 'Dernière modification le', type: 'moment', where: 'both', value: (r) => r.updatedAt },
  { header: 'Type', type: 'text', where: 'both', value: (r, l) => l.label('kinds', r.kind) },
  { header: 'Participants', type: 'number', where: 'both', value: byKind(() => 1, (w) => w.participants?.total ?? 0) },
  { header: "Canaux d'accompagnement", type: 'text', where: 'both', value: (r, l) => l.label('placeTypes', r.placeType) },
  { header: 'Nom du lieu', type: 'text', where: 'both', value: (r) => r.placeName ?? '' },
  { header: 'Adresse', type: 'text', where: 'server', value: empty },
  { header: 'Commune', type: 'text', where: 'both', value: (r) => r.placeCommune ?? '' },
  { header: 'Code postal', type: 'text', where: 'both', value: (r) => r.placePostcode ?? '' },
  { header: 'Code Insee', type: 'text', where: 'server', value: empty },
  { header: 'Durée (min)', type: 'number', where: 'both', value: (r) => r.durationMinutes ?? '' },
  { header: "Nom de l'atelier", type: 'text', where: 'both', value: byKind(empty, (w) => w.title ?? '') },
  { header: 'Matériel numérique utilisé', type: 'text', where: 'both', value: (r, l) => lines(r.equipment.map((e) => l.label('equipment', e))) },
  {
    header: "Thématique(s) d'accompagnement",
    type: 'text',
    where: 'both',
    value: (r, l) => lines([...r.themes.map((t) => l.label('themes', t)), ...r.adminThemes.map((t) => l.label('adminThemes', t))]),
  },
  { header: 'Tags', type: 'text', where: 'server', value: empty },
  { header: 'Nom de la démarche administrative', type: 'text', where: 'both', value: (r) => r.procedureName ?? '' },
  {
    header: "Niveau d'autonomie (ou de l'atelier)",
    type: 'text',
    where: 'both',
    value: byKind(
      (s) => (s.autonomy ? `${AUTONOMY_LEVELS.indexOf(s.autonomy) + 1}/3` : ''),
      (w, l) => (w.level ? l.label('levels', w.level) : ''),
    ),
  },
  { header: 'Bénéficiaire réorienté', type: 'text', where: 'both', value: byKind((s, l) => yesNo(s.referral.oriented, l), empty) },
  {
    header: 'Structure de redirection',
    type: 'text',
    where: 'both',
    value: byKind((s, l) => (s.referral.structureType ? l.label('referralTypes', s.referral.structureType) : ''), empty),
  },
  { header: 'Commune du bénéficiaire', type: 'text', where: 'both', value: byKind((s) => s.profile.residenceCommune ?? '', empty) },
  { header: 'Code postal du bénéficiaire', type: 'text', where: 'both', value: byKind((s) => s.profile.residencePostcode ?? '', empty) },
  { header: 'Code Insee du bénéficiaire', type: 'text', where: 'server', value: empty },
  {
    header: 'Genre du bénéficiaire',
    type: 'text',
    where: 'both',
    value: byKind((s, l) => (s.profile.gender ? l.label('genders', s.profile.gender) : ''), (w, l) => breakdown(w.participants?.byGender, 'genders', l)),
  },
  {
    header: "Tranche d'âge du bénéficiaire",
    type: 'text',
    where: 'both',
    value: byKind((s, l) => (s.profile.ageBracket ? l.label('ageBrackets', s.profile.ageBracket) : ''), (w, l) => breakdown(w.participants?.byAge, 'ageBrackets', l)),
  },
  {
    header: 'Statut du bénéficiaire',
    type: 'text',
    where: 'both',
    value: byKind((s, l) => (s.profile.status ? l.label('statuses', s.profile.status) : ''), (w, l) => breakdown(w.participants?.byStatus, 'statuses', l)),
  },
  { header: 'Notes supplémentaires', type: 'text', where: 'both', value: (r) => r.notes },
  { header: 'ID CRA', type: 'text', where: 'both', value: (r) => r.id },
  // Tandem's own columns.
  { header: 'Scénarios utilisés', type: 'text', where: 'both', value: byKind((s, l) => lines(s.scenarioIds.map(l.scenario)), (w, l) => lines(w.programme.map(l.scenario))) },
  { header: 'Résultat', type: 'text', where: 'both', value: byKind((s, l) => l.label('outcomes', s.outcome), empty) },
  { header: 'Suivi souhaité', type: 'text', where: 'both', value: byKind((s, l) => yesNo(s.followUp, l), empty) },
  {
    header: 'Démarche faite pour la personne',
    type: 'text',
    where: 'both',
    value: (r, l) => (r.themes.includes('aide_aux_demarches_administratives') ? yesNo(r.onBehalf, l) : ''),
  },
  {
    header: 'Déjà accompagné',
    type: 'text',
    where: 'both',
    value: byKind((s, l) => yesNo(s.profile.alreadyAccompanied, l), (w) => (w.participants ? String(w.participants.alreadyAccompanied) : '')),
  },
  // The place of the directory the person was referred to, by the name it had then.
  { header: 'Lieu de réorientation', type: 'text', where: 'both', value: byKind((s) => s.referral.placeName ?? '', empty) },
  { header: 'Intervenant', type: 'text', where: 'server', value: (r, l) => (l.author ? l.author(r.authorId) : '') },
]

/** The tablet's columns: those it has a value for. */
export const TABLET_COLUMNS = ACTIVITY_COLUMNS.filter((c) => c.where === 'both')
/** The server's exports: the national layout column for column, then Tandem's own. */
export const SERVER_COLUMNS = ACTIVITY_COLUMNS

/** Whether a record belongs in the export: live, and for a workshop, held. */
export function isExported(record: Activity): boolean {
  return !record.deletedAt && (record.kind === 'individuel' || record.status === 'held')
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

/** One formatter per time zone: making one costs far more than using it (exports call it per row). */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock parts of an instant in a time zone (local time when none is given). */
export function wallClock(iso: string, timeZone?: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const d = new Date(iso)
  if (!timeZone) return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() }
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(d)) if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! }
}

/** An ISO timestamp as 'DD/MM/YYYY HH:MM', in local time or in the given time zone. */
export function frenchDateTime(iso: string, timeZone?: string): string {
  const c = wallClock(iso, timeZone)
  return `${pad(c.day)}/${pad(c.month)}/${c.year} ${pad(c.hour)}:${pad(c.minute)}`
}

/** A record's cells as text and numbers (dates written the French way), in column order. */
export function textCells(columns: readonly ActivityColumn[], record: Activity, labels: ExportLabels, timeZone?: string): (string | number)[] {
  return columns.map((column) => {
    const value = column.value(record, labels)
    if (value === '') return ''
    if (column.type === 'date') return frenchDate(String(value))
    if (column.type === 'moment') return frenchDateTime(String(value), timeZone)
    return value
  })
}
