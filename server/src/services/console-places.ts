// The places directory in the console (docs/console.md, docs/places.md): a coordinator uploads
// a places file of the national format, which is imported by the same service as the admin
// command (services/places.ts), and chooses the structure's départements, which both the upload
// and the daily fetch of PLACES_SOURCE_URL keep.
//
// The file's content never reaches a log or the audit: the audit line carries counts only.
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import type { ImportReport } from '../../../src/lib/places/importRows.ts'
import { recordEvent } from './console-audit.ts'
import type { ConsoleContext } from './console-auth.ts'
import { ApiError } from './errors.ts'
import { DEPARTEMENT_CODES, normaliseDepartementCode, sortDepartements } from '../../../src/lib/places/departements.ts'
import { importPlaces, PlacesFileError, setStructureDepartements, structureDepartements } from './places.ts'

/**
 * The largest file the console accepts. A 10,000-row CSV made like the national file
 * (tests/bench/places.bench.ts's generator) is 4.1 MB, the same rows as JSON 6.3 MB: 12 MiB
 * leaves room for the whole country (about 10,000 places) with richer rows.
 */
export const PLACES_UPLOAD_LIMIT_BYTES = 12 * 1024 * 1024

/** Rows listed in the answer per list (rejected, dropped, kept as text); the counts are whole. */
export const PLACES_REPORT_LIST_LIMIT = 100

export const PLACES_FILE_MESSAGES: Record<string, string> = {
  empty: 'Le fichier est vide : rien n’a été importé.',
  not_a_places_file: 'Ce fichier n’est pas un fichier de lieux de médiation numérique (colonnes nom, adresse, code_postal…) : rien n’a été importé.',
  invalid_json: 'Ce fichier JSON est illisible : rien n’a été importé.',
  invalid_csv: 'Ce fichier CSV est illisible : rien n’a été importé.',
}
export const PLACES_TOO_LARGE_MESSAGE = `Ce fichier dépasse ${PLACES_UPLOAD_LIMIT_BYTES / 1024 / 1024} Mo : rien n’a été importé. Le fichier national complet tient dans cette limite ; vérifiez le fichier choisi.`

/**
 * Département codes as a coordinator types them: `7` and `07` are the same, `2a` is `2A`.
 * Throws a 400 naming the first code that is not a département (01–95, 2A, 2B, 971–976).
 */
export function validateDepartements(codes: readonly string[]): string[] {
  const normalised = codes.map(normaliseDepartementCode).filter(Boolean)
  const wrong = normalised.find((code) => !DEPARTEMENT_CODES.has(code))
  if (wrong !== undefined) {
    throw new ApiError(400, 'invalid_departements', `« ${wrong.slice(0, 12)} » n’est pas un code de département (par exemple 07, 26, 2A, 974).`)
  }
  return sortDepartements(normalised)
}

export const departementsBodySchema = z.object({ departements: z.array(z.string().max(12)).max(120) })

export interface PlacesOverview {
  /** The départements the structure keeps (null: every département of a file). */
  departements: string[] | null
  /** Places the structure's devices receive. */
  places: number
}

export async function placesOverview(db: Database, structureId: string): Promise<PlacesOverview> {
  const departements = await structureDepartements(db, structureId)
  const count = await db.query<{ n: string | number }>(
    "SELECT count(*) AS n FROM records WHERE structure_id = $1 AND table_name = 'places' AND deleted_at IS NULL",
    [structureId],
  )
  return { departements, places: Number(count.rows[0]?.n ?? 0) }
}

/** Records the structure's départements (an empty list: none chosen) and audits the change. */
export async function setDepartements(db: Database, context: ConsoleContext, codes: readonly string[], now: Date = new Date()): Promise<PlacesOverview> {
  const next = validateDepartements(codes)
  const value = next.length > 0 ? next : null
  await db.transaction(async (tx) => {
    const before = await structureDepartements(tx, context.structureId)
    await setStructureDepartements(tx, context.structureId, value)
    if ((before ?? []).join() !== (value ?? []).join()) {
      await recordEvent(tx, { structureId: context.structureId, userId: context.userId, name: context.displayName }, 'settings_changed', { changed: { placesDepartements: value ? value.join(', ') : null } }, now)
    }
  })
  return placesOverview(db, context.structureId)
}

/** The import report as the console shows it: whole counts, the first rows of each list. */
export interface PlacesUploadAnswer {
  format: ImportReport['format']
  rowsRead: number
  kept: number
  outsideDepartements: number
  departements: string[] | null
  rejected: ImportReport['rejected']
  rejectedCount: number
  dropped: ImportReport['dropped']
  droppedCount: number
  keptAsText: ImportReport['keptAsText']
  keptAsTextCount: number
  added: number
  updated: number
  unchanged: number
  removed: number
}

/** The bytes as text: UTF-8 (with or without BOM), else Windows-1252 (older spreadsheet exports). */
export function decodePlacesFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

export async function uploadPlaces(
  db: Database,
  context: ConsoleContext,
  input: { bytes: Uint8Array; kind: 'csv' | 'json' | null; replace: boolean },
  now: Date = new Date(),
): Promise<PlacesUploadAnswer> {
  const text = decodePlacesFile(input.bytes)
  const departements = await structureDepartements(db, context.structureId)
  let result
  try {
    result = await importPlaces(db, { structureId: context.structureId, text, fileName: input.kind ? `upload.${input.kind}` : '', departements, replace: input.replace, now })
  } catch (error) {
    if (error instanceof PlacesFileError && error.reason in PLACES_FILE_MESSAGES) throw new ApiError(400, 'places_file_unreadable', PLACES_FILE_MESSAGES[error.reason]!, { reason: error.reason })
    throw error
  }
  const { report } = result
  await recordEvent(
    db,
    { structureId: context.structureId, userId: context.userId, name: context.displayName },
    'places_imported',
    {
      format: report.format,
      rowsRead: report.rowsRead,
      kept: report.kept,
      rejected: report.rejected.length,
      dropped: report.dropped.length,
      outsideDepartements: report.outsideDepartements,
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      removed: result.removed,
      replace: input.replace,
    },
    now,
  )
  const first = <T>(list: readonly T[]) => list.slice(0, PLACES_REPORT_LIST_LIMIT)
  return {
    format: report.format,
    rowsRead: report.rowsRead,
    kept: report.kept,
    outsideDepartements: report.outsideDepartements,
    departements,
    rejected: first(report.rejected),
    rejectedCount: report.rejected.length,
    dropped: first(report.dropped),
    droppedCount: report.dropped.length,
    keptAsText: first(report.keptAsText),
    keptAsTextCount: report.keptAsText.length,
    added: result.added,
    updated: result.updated,
    unchanged: result.unchanged,
    removed: result.removed,
  }
}
