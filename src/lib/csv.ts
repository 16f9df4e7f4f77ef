// CSV writing for exports: UTF-8 with a byte-order mark (so spreadsheet software reads accents
// right), `;` by default (French spreadsheets use the comma as the decimal mark), CRLF lines.
import Papa from 'papaparse'

export type CsvSeparator = ';' | ','

export const BOM = '\uFEFF'

/** The CSV text of a table, headers first, BOM included. Cells are quoted when needed. */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number)[])[], separator: CsvSeparator = ';'): string {
  const body = Papa.unparse(
    { fields: [...headers], data: rows.map((r) => r.map((cell) => (typeof cell === 'number' ? String(cell) : cell))) },
    { delimiter: separator, newline: '\r\n', quotes: false, escapeFormulae: true },
  )
  return BOM + body
}
