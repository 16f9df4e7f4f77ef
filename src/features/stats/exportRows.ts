// The activity export of this device: one row per activity, in the columns shared with the
// server's exports (src/lib/activityExport.ts: the national platform's names and order for the
// columns Tandem has, then Tandem's own; French labels in cells, multi-valued cells joined by
// line breaks).
import { frenchDate, frenchDateTime, TABLET_COLUMNS, textCells, type ExportLabels } from '@/lib/activityExport'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'

export { frenchDate, frenchDateTime, type ExportLabels }

export const EXPORT_COLUMNS = TABLET_COLUMNS.map((c) => c.header)
export type ExportColumn = string

export type ExportRow = Record<ExportColumn, string | number>

function row(record: Accompaniment | Workshop, l: ExportLabels): ExportRow {
  const cells = textCells(TABLET_COLUMNS, record, l)
  return Object.fromEntries(EXPORT_COLUMNS.map((header, i) => [header, cells[i] ?? '']))
}

export function sessionRow(s: Accompaniment, l: ExportLabels): ExportRow {
  return row(s, l)
}

export function workshopRow(w: Workshop, l: ExportLabels): ExportRow {
  return row(w, l)
}

/** Rows of every live activity (held workshops only), oldest first, as the report lists them. */
export function exportRows(sessions: readonly Accompaniment[], workshops: readonly Workshop[], l: ExportLabels): ExportRow[] {
  const all: (Accompaniment | Workshop)[] = [...sessions.filter((s) => !s.deletedAt), ...workshops.filter((w) => !w.deletedAt && w.status === 'held')]
  all.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date)))
  return all.map((r) => (r.kind === 'individuel' ? sessionRow(r, l) : workshopRow(r, l)))
}

/** Header and cells in column order, ready for CSV. */
export function exportTable(rows: readonly ExportRow[]): { headers: readonly string[]; cells: (string | number)[][] } {
  return { headers: EXPORT_COLUMNS, cells: rows.map((row) => EXPORT_COLUMNS.map((c) => row[c] ?? '')) }
}

/** The JSON export: the records themselves, every field, for a person who wants their data out. */
export function exportJson(sessions: readonly Accompaniment[], workshops: readonly Workshop[], meta: { from: string; to: string; exportedAt: string }): string {
  return JSON.stringify({ format: 'tandem-activity-export', version: 1, ...meta, sessionLogs: sessions, workshops }, null, 2)
}
