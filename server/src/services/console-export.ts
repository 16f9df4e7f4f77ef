// The structure's activity exports for a period (XLSX, CSV, JSON), written as a stream: records
// are read a page at a time (console-activities.ts) and each row leaves as soon as it is made,
// so 100,000 records never sit in memory together.
//
// XLSX: exceljs (maintained, MIT, no native code), through its streaming WorkbookWriter: rows
// are committed to the zip stream one by one instead of building the whole workbook in memory,
// which the plain Workbook API would do. Columns are the national platform's, in its order, then
// Tandem's own (src/lib/activityExport.ts, shared with the tablet's CSV); dates are real dates.
// CSV: for French Excel (UTF-8 BOM, `;`, CRLF), the same columns and cells, dates as text.
// JSON: the records themselves, every field, as the tablet's JSON export.
import { PassThrough, type Writable } from 'node:stream'
import Papa from 'papaparse'
import ExcelJS from 'exceljs'
import type { Database } from '../db/database.ts'
import fr from '../../../locales/fr.json' with { type: 'json' }
import { SERVER_COLUMNS, textCells, wallClock, type ActivityColumn, type ExportLabels } from '../../../src/lib/activityExport.ts'
import type { ListName } from '../../../src/schemas/lists.ts'
import { BOM } from '../../../src/lib/csv.ts'
import { scanActivities, type ActivityQuery } from './console-activities.ts'

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Times of day are written as the clock read in France. */
export const EXPORT_TIME_ZONE = 'Europe/Paris'

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

const lists = (fr as unknown as { lists: Record<string, Record<string, string>> }).lists

/** French labels, as the national report shows them; authors by their name in the console. */
export async function exportLabels(db: Database, structureId: string): Promise<ExportLabels> {
  const users = await db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE structure_id = $1', [structureId])
  const names = new Map(users.rows.map((u) => [u.id, u.display_name]))
  return {
    label: (list: ListName, id: string) => lists[list]?.[id] ?? id,
    yes: 'Oui',
    no: 'Non',
    // The server holds no scenario catalogue: scenarios are named by their id.
    scenario: (id: string) => id,
    author: (id: string) => names.get(id) ?? '',
  }
}

/** « tandem-mediatheque-d-aubenas-2026-01-01_2026-12-31.xlsx » */
export function exportFileName(structureName: string, query: ActivityQuery, format: ExportFormat): string {
  const slug =
    structureName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'structure'
  return `tandem-${slug}-${query.from}_${query.to}.${format}`
}

/** Writes a chunk, waiting for the stream to drain when it asks to. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return
  await drained(out)
}

function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onDrain = () => settle()
    const onClose = () => settle(new Error('export stream closed'))
    const settle = (error?: Error) => {
      out.off('drain', onDrain)
      out.off('close', onClose)
      out.off('error', onClose)
      if (error) reject(error)
      else resolve()
    }
    out.on('drain', onDrain)
    out.on('close', onClose)
    out.on('error', onClose)
  })
}

/** A cell for the XLSX file: dates and moments as Date values (the wall clock in France). */
function xlsxCell(column: ActivityColumn, value: string | number): string | number | Date | null {
  if (value === '') return null
  if (column.type === 'date') {
    const [y, m, d] = String(value).split('-').map(Number)
    return new Date(Date.UTC(y!, m! - 1, d!))
  }
  if (column.type === 'moment') {
    const c = wallClock(String(value), EXPORT_TIME_ZONE)
    return new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second))
  }
  return value
}

const NUM_FORMATS: Partial<Record<ActivityColumn['type'], string>> = { date: 'dd/mm/yyyy', moment: 'dd/mm/yyyy hh:mm' }
/** The columns whose cells may hold several lines (lists joined by line breaks, free notes). */
const MULTI_LINE = new Set([
  'Matériel numérique utilisé',
  "Thématique(s) d'accompagnement",
  'Genre du bénéficiaire',
  "Tranche d'âge du bénéficiaire",
  'Statut du bénéficiaire',
  'Notes supplémentaires',
  'Scénarios utilisés',
])

async function writeXlsx(db: Database, structureId: string, query: ActivityQuery, labels: ExportLabels, out: PassThrough): Promise<number> {
  // Fast deflate: the sheet is text that compresses well at any level, and the time is per row.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } })
  workbook.creator = 'Tandem'
  const sheet = workbook.addWorksheet('Activités', { views: [{ state: 'frozen', ySplit: 1 }] })
  // Styles only where they matter (every styled cell costs time): date formats, and line wrap
  // for the cells that hold several values.
  sheet.columns = SERVER_COLUMNS.map((column) => {
    const numFmt = NUM_FORMATS[column.type]
    const style = numFmt ? { numFmt } : MULTI_LINE.has(column.header) ? { alignment: { wrapText: true, vertical: 'top' as const } } : undefined
    return {
      header: column.header,
      key: column.header,
      width: column.type === 'moment' ? 17 : column.type === 'date' ? 12 : column.type === 'number' ? 10 : 24,
      ...(style ? { style } : {}),
    }
  })
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  let count = 0
  for await (const { record } of scanActivities(db, structureId, query, 'full')) {
    sheet.addRow(SERVER_COLUMNS.map((column) => xlsxCell(column, column.value(record, labels)))).commit()
    count++
    // Let the zip stream flush to the socket now and then, so rows do not pile up in memory.
    if (count % 500 === 0 && out.writableNeedDrain) await drained(out)
  }
  sheet.commit()
  await workbook.commit()
  return count
}

const CSV_OPTIONS = { delimiter: ';', newline: '\r\n', quotes: false, escapeFormulae: true } as const

async function writeCsv(db: Database, structureId: string, query: ActivityQuery, labels: ExportLabels, out: PassThrough): Promise<number> {
  await write(out, BOM + Papa.unparse({ fields: SERVER_COLUMNS.map((c) => c.header), data: [] }, CSV_OPTIONS))
  let count = 0
  let batch: string[][] = []
  const flush = async () => {
    if (batch.length === 0) return
    await write(out, '\r\n' + Papa.unparse(batch, CSV_OPTIONS))
    batch = []
  }
  for await (const { record } of scanActivities(db, structureId, query, 'full')) {
    batch.push(textCells(SERVER_COLUMNS, record, labels, EXPORT_TIME_ZONE).map(String))
    count++
    if (batch.length >= 500) await flush()
  }
  await flush()
  await write(out, '\r\n')
  out.end()
  return count
}

async function writeJson(db: Database, structureId: string, structureName: string, query: ActivityQuery, out: PassThrough, now: Date): Promise<number> {
  const head = { format: 'tandem-activity-export', version: 1, structure: structureName, from: query.from, to: query.to, exportedAt: now.toISOString(), filters: query }
  await write(out, JSON.stringify(head).slice(0, -1))
  let count = 0
  for (const [key, kind] of [
    ['sessionLogs', 'individuel'],
    ['workshops', 'collectif'],
  ] as const) {
    await write(out, `,${JSON.stringify(key)}:[`)
    let first = true
    if (!query.kind || query.kind === kind) {
      for await (const { record } of scanActivities(db, structureId, { ...query, kind }, 'full')) {
        await write(out, (first ? '' : ',') + JSON.stringify(record))
        first = false
        count++
      }
    }
    await write(out, ']')
  }
  await write(out, '}\n')
  out.end()
  return count
}

/**
 * Starts writing the export into a stream and returns it at once (the route sends it as it
 * fills). `done` settles when the last byte is written, with the number of rows.
 */
export function streamExport(
  db: Database,
  input: { structureId: string; structureName: string; query: ActivityQuery; format: ExportFormat; labels: ExportLabels },
  now: Date = new Date(),
): { stream: PassThrough; done: Promise<number> } {
  const out = new PassThrough({ highWaterMark: 256 * 1024 })
  const { structureId, structureName, query, format, labels } = input
  const done = (async () => {
    if (format === 'xlsx') return writeXlsx(db, structureId, query, labels, out)
    if (format === 'csv') return writeCsv(db, structureId, query, labels, out)
    return writeJson(db, structureId, structureName, query, out, now)
  })()
  done.catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
  return { stream: out, done }
}
