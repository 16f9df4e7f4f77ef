// Reads a places file (CSV or JSON text) into rows of named cells for importRows. CSV goes
// through papaparse; the separator is detected (`,` in v1 files, `;` in many v0 exports).
// Loaded only by the import (a lazy chunk in the app, the server's importer).
import Papa from 'papaparse'
import type { RawRow } from './importRows.ts'

export type FileRows = { ok: true; rows: RawRow[]; kind: 'csv' | 'json' } | { ok: false; reason: 'empty' | 'not_a_places_file' | 'invalid_json' | 'invalid_csv' }

/** Where the rows of a JSON file are: an array, or the array under `data`, `lieux`, or GeoJSON `features[].properties`. */
function jsonRows(value: unknown): RawRow[] | null {
  const isRow = (v: unknown): v is RawRow => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (Array.isArray(value)) return value.every(isRow) ? value : null
  if (!isRow(value)) return null
  for (const key of ['data', 'lieux', 'places', 'results']) {
    const inner = value[key]
    if (Array.isArray(inner) && inner.every(isRow)) return inner
  }
  const features = value.features
  if (Array.isArray(features) && features.every((f) => isRow(f) && isRow(f.properties))) {
    return features.map((f) => {
      const feature = f as { properties: RawRow; geometry?: { type?: string; coordinates?: unknown } }
      const coordinates = feature.geometry?.type === 'Point' && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : null
      const row: RawRow = { ...feature.properties }
      if (coordinates && row.latitude === undefined) [row.longitude, row.latitude] = coordinates as [unknown, unknown]
      return row
    })
  }
  return null
}

const hasPlaceFields = (rows: readonly RawRow[]) => rows.length === 0 || rows.slice(0, 20).some((row) => 'nom' in row && ('adresse' in row || 'code_postal' in row))

/** Rows of a places file; `name` (the file's name) decides CSV or JSON when given, else the content does. */
export function readPlacesFile(text: string, name = ''): FileRows {
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') return { ok: false, reason: 'empty' }
  const looksJson = /\.(geo)?json$/i.test(name) || (!/\.csv$/i.test(name) && /^\s*[[{]/.test(body))
  if (looksJson) {
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      return { ok: false, reason: 'invalid_json' }
    }
    const rows = jsonRows(value)
    if (!rows || !hasPlaceFields(rows)) return { ok: false, reason: 'not_a_places_file' }
    return { ok: true, rows, kind: 'json' }
  }
  const firstLine = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : body.length)
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, delimiter, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() })
  if (parsed.meta.fields === undefined || parsed.meta.fields.length < 2) return { ok: false, reason: 'invalid_csv' }
  if (!parsed.meta.fields.includes('nom')) return { ok: false, reason: 'not_a_places_file' }
  return { ok: true, rows: parsed.data, kind: 'csv' }
}
