// The structure's places directory on the server: importing a places file (the admin command
// `import-places`, the daily fetch of PLACES_SOURCE_URL, later the console's upload) into
// records of the shared table `places`, which every device of the structure pulls.
//
// Guarantees (tests/server/places.test.ts):
// - The file is read and checked with the same modules as the app's local import
//   (src/lib/places): the same rows are kept, the same values dropped, the same stable ids.
// - Records are written through the push's writer (writeServerRecords): each changed place takes
//   its own change number under the structure row lock and a replaced version goes to
//   record_history, so devices pull them like any shared record.
// - A place whose content did not change is not written: importing the same file twice takes
//   no change number at all.
// - With `replace`, the places of the chosen départements that the file no longer lists become
//   tombstones (the national file is the reference for them); without it, nothing is removed.
// - Everything happens in ONE transaction, under the structure row lock: a failure leaves the
//   directory as it was, and two imports of one structure never interleave.
import type { Database, Queryable } from '../db/database.ts'
import { importRows, type ImportReport, type ImportedPlace } from '../../../src/lib/places/importRows.ts'
import { parseOpeningHours } from '../../../src/lib/places/parseHours.ts'
import { readPlacesFile } from '../../../src/lib/places/readFile.ts'
import { contentKey } from '../../../src/lib/places/sameContent.ts'
import { placeRecordSchema } from '../../../src/schemas/places.ts'
import { tombstoneOf, type RecordBase } from '../../../src/schemas/record.ts'
import { writeServerRecords, type ServerWrite } from './push.ts'

/** A file that cannot be read at all (nothing was imported). */
export class PlacesFileError extends Error {
  constructor(readonly reason: string) {
    super(`the places file cannot be read: ${reason}`)
    this.name = 'PlacesFileError'
  }
}

export interface PlacesImportInput {
  structureId: string
  text: string
  /** Decides CSV or JSON with the content; may be empty. */
  fileName?: string
  /** Only these départements (null: the structure's choice, else all). */
  departements?: readonly string[] | null
  /** Remove the places of these départements that the file no longer lists. */
  replace?: boolean
  now?: Date
}

export interface PlacesImportResult {
  report: ImportReport
  added: number
  updated: number
  unchanged: number
  removed: number
}

const DEPARTEMENT = /^(\d{2,3}|2[AB])$/

/** `07,26, 2a` → ['07', '26', '2A']; throws on anything that is not a département code. */
export function parseDepartements(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean)
    .map((code) => (/^\d$/.test(code) ? `0${code}` : code))
  const wrong = codes.find((code) => !DEPARTEMENT.test(code))
  if (wrong !== undefined || codes.length === 0) throw new PlacesFileError(`"${wrong ?? text}" is not a list of département codes (e.g. 07,26,2A)`)
  return [...new Set(codes)]
}

/** The account server-imported places are written under: the structure's first coordinator. */
async function importAuthor(tx: Queryable, structureId: string): Promise<string> {
  const result = await tx.query<{ id: string }>(
    "SELECT id FROM users WHERE structure_id = $1 AND role = 'coordinator' ORDER BY created_at, id LIMIT 1",
    [structureId],
  )
  const id = result.rows[0]?.id
  if (!id) throw new PlacesFileError(`structure ${structureId} does not exist or has no coordinator`)
  return id
}

export async function structureDepartements(db: Queryable, structureId: string): Promise<string[] | null> {
  const result = await db.query<{ places_departements: string[] | null }>('SELECT places_departements FROM structures WHERE id = $1', [structureId])
  return result.rows[0]?.places_departements ?? null
}

/** Records the départements a structure takes from PLACES_SOURCE_URL (null: none). */
export async function setStructureDepartements(db: Queryable, structureId: string, departements: readonly string[] | null): Promise<void> {
  const result = await db.query('UPDATE structures SET places_departements = $2 WHERE id = $1', [structureId, departements ? [...departements] : null])
  if (result.rowCount === 0) throw new PlacesFileError(`structure ${structureId} does not exist`)
}

export async function importPlaces(db: Database, input: PlacesImportInput): Promise<PlacesImportResult> {
  const file = readPlacesFile(input.text, input.fileName ?? '')
  if (!file.ok) throw new PlacesFileError(file.reason)
  const now = input.now ?? new Date()
  return db.transaction(async (tx) => {
    // The structure row first, as a push takes it: two imports of one structure run one after
    // the other, so each compares against what the other wrote.
    await tx.query('SELECT 1 FROM structures WHERE id = $1 FOR NO KEY UPDATE', [input.structureId])
    const authorId = await importAuthor(tx, input.structureId)
    const departements = input.departements ?? (await structureDepartements(tx, input.structureId))
    const { places, report } = importRows(file.rows, { parseHours: parseOpeningHours, departements })
    const stored = await tx.query<{ id: string; payload: Record<string, unknown>; deleted_at: string | null }>(
      "SELECT id, payload, deleted_at FROM records WHERE structure_id = $1 AND table_name = 'places'",
      [input.structureId],
    )
    const current = new Map(stored.rows.map((row) => [row.id, row]))
    const stamp = now.toISOString()
    const writes: ServerWrite[] = []
    const result: PlacesImportResult = { report, added: 0, updated: 0, unchanged: 0, removed: 0 }
    const seen = new Set<string>()
    for (const place of places) {
      seen.add(place.id)
      const existing = current.get(place.id)
      const live = existing && existing.deleted_at === null
      if (live && contentKey(existing.payload) === contentKey(place)) {
        result.unchanged++
        continue
      }
      writes.push({ table: 'places', payload: recordOf(place, input.structureId, authorId, live ? String(existing.payload.createdAt) : stamp, stamp), deletedAt: null })
      if (live) result.updated++
      else result.added++
    }
    if (input.replace) {
      const scope = departements && departements.length > 0 ? new Set(departements) : null
      for (const row of stored.rows) {
        if (row.deleted_at !== null || seen.has(row.id)) continue
        if (scope && !scope.has(String(row.payload.departement))) continue
        const tombstone = { ...tombstoneOf(row.payload as unknown as RecordBase, stamp), kind: 'lieu' }
        delete (tombstone as Record<string, unknown>).rev
        writes.push({ table: 'places', payload: tombstone, deletedAt: stamp })
        result.removed++
      }
    }
    await writeServerRecords(tx, input.structureId, authorId, writes, now)
    return result
  })
}

function recordOf(place: ImportedPlace, structureId: string, authorId: string, createdAt: string, updatedAt: string): Record<string, unknown> {
  const record = placeRecordSchema.parse({ ...place, structureId, authorId, createdAt, updatedAt, deletedAt: null, rev: null }) as Record<string, unknown>
  delete record.rev
  return record
}

export interface SourceImport {
  structureId: string
  result?: PlacesImportResult
  error?: string
}

/**
 * Fetches the national file once and imports it for every structure that chose départements,
 * replacing what the file no longer lists there. A structure's failure does not stop the others.
 */
export async function importFromSource(db: Database, url: string, fetcher: typeof fetch = fetch, now = new Date()): Promise<SourceImport[]> {
  const structures = await db.query<{ id: string; places_departements: string[] }>('SELECT id, places_departements FROM structures WHERE places_departements IS NOT NULL ORDER BY id')
  if (structures.rows.length === 0) return []
  const response = await fetcher(url, { headers: { accept: 'text/csv, application/json;q=0.9, */*;q=0.5' } })
  if (!response.ok) throw new PlacesFileError(`${url} answered ${response.status}`)
  const text = await response.text()
  const fileName = new URL(url).pathname.split('/').at(-1) ?? ''
  const out: SourceImport[] = []
  for (const row of structures.rows) {
    try {
      const result = await importPlaces(db, { structureId: row.id, text, fileName, departements: row.places_departements, replace: true, now })
      out.push({ structureId: row.id, result })
    } catch (error) {
      out.push({ structureId: row.id, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return out
}
