// The local import of a places file on this device (Settings). Loaded on demand only: it pulls
// papaparse and opening_hours (over 100 KB), which the directory's list and search never load.
import { importRows, type ImportReport } from '@/lib/places/importRows'
import { parseOpeningHours } from '@/lib/places/parseHours'
import { readPlacesFile } from '@/lib/places/readFile'
import { saveImportedPlaces, type LocalImportResult } from './repo'

/** The largest file read on a device (the whole national file is about 20 MB). */
export const MAX_FILE_BYTES = 60 * 1024 * 1024

export type LocalImport = { ok: true; report: ImportReport; result: LocalImportResult } | { ok: false; reason: string }

export async function importPlacesText(text: string, name: string, now = new Date()): Promise<LocalImport> {
  const file = readPlacesFile(text, name)
  if (!file.ok) return { ok: false, reason: file.reason }
  const { places, report } = importRows(file.rows, { parseHours: parseOpeningHours })
  const result = await saveImportedPlaces(places, now)
  return { ok: true, report, result }
}

export async function importPlacesFile(file: Blob & { name?: string }): Promise<LocalImport> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, reason: 'too_big' }
  return importPlacesText(await file.text(), file.name ?? '')
}
