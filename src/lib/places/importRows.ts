// The import of a places file's rows (national format v1.0.x, or v0.1.x with its own field names
// and vocabulary) into place records, with a report of everything it did not keep as written.
//
// Rules (each has a fixture in tests/unit/places/import.test.ts; docs/places.md):
// - A row is rejected only when what makes it a place is missing or unusable: its name, street
//   address, commune or postcode (after normalisation), or when it repeats an earlier row.
// - A bad optional value (phone, email, web address, coordinates, INSEE code, date, a value
//   outside a closed list) never rejects the row: it is dropped, or kept as « other », and the
//   report lists it with its row, field, value and reason.
// - Values are normalised before matching: case, accents, apostrophes, spaces, postcodes that
//   lost their leading zero, phone numbers, web addresses without a scheme, dd/mm/yyyy dates,
//   swapped coordinates.
// - `horaires` is parsed into weekly intervals by the caller's `parseHours` (opening_hours, at
//   import only); a text it refuses is kept as text and reported.
// - Ids are stable (placeId.ts): the same file imported twice gives the same records.
// Rows are numbered from 1 (the first row after the header in a CSV file).
import { PLACE_MOBILITY, type PlaceContent, type PlaceHours, type PlaceList } from '../../schemas/places.ts'
import { cleanText, departementOf, displayText, matchKey, normaliseCoordinates, normaliseDate, normaliseEmail, normaliseInsee, normalisePhone, normalisePostcode, normaliseUrl, searchKey, splitList } from './normalise.ts'
import { placeIdentity } from './placeId.ts'
import { matchV0, matchV1, V0_VOCABULARY } from './vocabulary.ts'

export type ImportFormat = 'v1' | 'v0'

/** One value not kept as written. */
export interface ValueIssue {
  row: number
  field: string
  value: string
  reason: string
}

export interface RejectedRow {
  row: number
  /** The place's name when the row has one, to find it in the file. */
  name: string | null
  reasons: { field: string; value: string; reason: string }[]
}

export interface ImportReport {
  format: ImportFormat
  rowsRead: number
  kept: number
  rejected: RejectedRow[]
  /** Values left out of the place (the row is kept). */
  dropped: ValueIssue[]
  /** Values kept in another form: hours as text, a value outside its list kept as « other ». */
  keptAsText: ValueIssue[]
  /** Rows outside the départements chosen (not an error; not imported). */
  outsideDepartements: number
}

export type ImportedPlace = PlaceContent & { id: string }

export type HoursParser = (text: string) => { ok: true; hours: PlaceHours } | { ok: false; reason: string }

export interface ImportOptions {
  parseHours: HoursParser
  /** Only rows of these départements are imported (null: all). */
  departements?: readonly string[] | null
}

export type RawRow = Record<string, unknown>

const V0_ONLY_FIELDS = ['publics_accueillis', 'conditions_acces', 'labels_nationaux', 'labels_autres', 'accessibilite', 'courriel', 'cle_ban']
const V1_ONLY_FIELDS = ['publics_specifiquement_adresses', 'prise_en_charge_specifique', 'frais_a_charge', 'dispositif_programmes_nationaux', 'formations_labels', 'modalites_acces', 'courriels', 'fiche_acces_libre', 'itinerance']

/** v0 when the rows carry v0's field names and none of v1's. */
export function detectFormat(fields: readonly string[]): ImportFormat {
  const names = new Set(fields.map((f) => cleanText(f).toLowerCase()))
  const v0 = V0_ONLY_FIELDS.filter((f) => names.has(f)).length
  const v1 = V1_ONLY_FIELDS.filter((f) => names.has(f)).length
  return v0 > v1 ? 'v0' : 'v1'
}

/** A cell as text, whatever JSON gave (numbers, arrays of values, null). */
function cell(row: RawRow, name: string): string {
  const value = row[name]
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map((v) => (v === null || v === undefined ? '' : String(v))).join('|')
  if (typeof value === 'object') return ''
  return String(value)
}

const MAX = { name: 300, commune: 150, address: 300, summary: 600, description: 5000, text: 300, url: 500, hours: 1000 }

/** Each place gets its own copy: a shared object would be one place's edit away from another's. */
function structuredCloneHours(hours: PlaceHours): PlaceHours {
  return { weekly: hours.weekly.map(([a, b]) => [a, b] as [number, number]), weekStable: hours.weekStable }
}

export function importRows(rows: readonly RawRow[], options: ImportOptions): { places: ImportedPlace[]; report: ImportReport } {
  const fields = [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r)))]
  const format = detectFormat(fields)
  const report: ImportReport = { format, rowsRead: rows.length, kept: 0, rejected: [], dropped: [], keptAsText: [], outsideDepartements: 0 }
  const wanted = options.departements && options.departements.length > 0 ? new Set(options.departements) : null
  const seen = new Set<string>()
  const places: ImportedPlace[] = []
  // Many places share their hours text word for word: each distinct text is parsed once.
  const hoursCache = new Map<string, ReturnType<HoursParser>>()
  const parseHours = (text: string) => {
    let parsed = hoursCache.get(text)
    if (!parsed) hoursCache.set(text, (parsed = options.parseHours(text)))
    return parsed
  }

  rows.forEach((raw, index) => {
    const row = index + 1
    const get = (...names: string[]) => {
      for (const name of names) {
        const value = cleanText(cell(raw, name))
        if (value !== '') return value
      }
      return ''
    }
    const dropped: ValueIssue[] = []
    const keptAsText: ValueIssue[] = []
    const drop = (field: string, value: string, reason: string) => dropped.push({ row, field, value, reason })
    const rejections: RejectedRow['reasons'] = []

    const name = displayText(get('nom'))
    const address = displayText(get('adresse'))
    const commune = displayText(get('commune'))
    const rawPostcode = get('code_postal')
    if (!name) rejections.push({ field: 'nom', value: '', reason: 'missing_field' })
    if (!address) rejections.push({ field: 'adresse', value: '', reason: 'missing_field' })
    if (!commune) rejections.push({ field: 'commune', value: '', reason: 'missing_field' })
    const postcode = rawPostcode === '' ? null : normalisePostcode(rawPostcode)
    if (!postcode) rejections.push({ field: 'code_postal', value: '', reason: 'missing_field' })
    else if (!postcode.ok) rejections.push({ field: 'code_postal', value: rawPostcode, reason: postcode.reason })
    for (const [field, value, max] of [['nom', name, MAX.name], ['adresse', address, MAX.address], ['commune', commune, MAX.commune]] as const) {
      if (value && value.length > max) rejections.push({ field, value: value.slice(0, 80), reason: 'too_long' })
    }
    if (rejections.length > 0 || !name || !address || !commune || !postcode?.ok) {
      report.rejected.push({ row, name, reasons: rejections })
      return
    }

    let insee: string | null = null
    const rawInsee = get('code_insee')
    if (rawInsee) {
      const parsed = normaliseInsee(rawInsee)
      if (parsed.ok) insee = parsed.value
      else drop('code_insee', rawInsee, parsed.reason)
    }
    const departement = departementOf(postcode.value, insee)
    if (wanted && !wanted.has(departement)) {
      report.outsideDepartements++
      return
    }

    let pivot: string | null = null
    const rawPivot = get('pivot')
    const compactPivot = rawPivot.replace(/\s/g, '')
    if (rawPivot === '') drop('pivot', '', 'missing_field')
    else if (/^0+$/.test(compactPivot)) drop('pivot', rawPivot, 'placeholder_pivot')
    else if (/^[a-zA-Z0-9]{9,14}$/.test(compactPivot)) pivot = compactPivot
    else drop('pivot', rawPivot, 'invalid_pivot')

    let latitude: number | null = null
    let longitude: number | null = null
    const rawLat = get('latitude')
    const rawLon = get('longitude')
    const coordinates = normaliseCoordinates(rawLat, rawLon)
    if (!coordinates.ok) drop('latitude,longitude', `${rawLat},${rawLon}`, coordinates.reason)
    else if (coordinates.value) [latitude, longitude] = coordinates.value

    let phone: string | null = null
    const rawPhone = get('telephone')
    if (rawPhone) {
      const parsed = normalisePhone(rawPhone)
      if (parsed.ok) {
        phone = parsed.value
        if (parsed.rest) drop('telephone', parsed.rest, 'extra_phone')
      } else drop('telephone', rawPhone, parsed.reason)
    }

    const emails: string[] = []
    for (const value of splitList(get('courriels', 'courriel'))) {
      const parsed = normaliseEmail(value)
      if (parsed.ok) emails.push(parsed.value)
      else drop(format === 'v0' ? 'courriel' : 'courriels', value, parsed.reason)
    }
    const urls = (field: string, values: string[]) => {
      const out: string[] = []
      for (const value of values) {
        const parsed = value.length > MAX.url ? ({ ok: false, reason: 'too_long' } as const) : normaliseUrl(value)
        if (parsed.ok) out.push(parsed.value)
        else drop(field, value, parsed.reason)
      }
      return out
    }
    const websites = urls('site_web', splitList(get('site_web')))
    const accessibilityField = raw['fiche_acces_libre'] !== undefined ? 'fiche_acces_libre' : 'accessibilite'
    const accessibilityUrl = urls(accessibilityField, [get('fiche_acces_libre', 'accessibilite')].filter(Boolean))[0] ?? null
    const bookingUrl = urls('prise_rdv', [get('prise_rdv')].filter(Boolean))[0] ?? null

    let updatedOn: string | null = null
    const rawDate = get('date_maj')
    if (rawDate === '') drop('date_maj', '', 'missing_field')
    else {
      const parsed = normaliseDate(rawDate)
      if (parsed.ok) updatedOn = parsed.value
      else drop('date_maj', rawDate, parsed.reason)
    }

    const hoursText = displayText(get('horaires'))
    let hours: PlaceHours | null = null
    if (hoursText) {
      if (hoursText.length > MAX.hours) drop('horaires', hoursText.slice(0, 80), 'too_long')
      else {
        const parsed = parseHours(hoursText)
        if (parsed.ok) hours = structuredCloneHours(parsed.hours)
        else keptAsText.push({ row, field: 'horaires', value: hoursText, reason: 'hours_not_understood' })
      }
    }

    // Closed lists.
    const lists: Record<PlaceList, string[]> = { services: [], publics: [], supports: [], costs: [], programmes: [], labels: [], access: [], modalities: [], mobility: [] }
    const otherLabels: string[] = []
    const otherValues: { field: string; value: string }[] = []
    const add = (list: PlaceList, id: string) => {
      if (!lists[list].includes(id)) lists[list].push(id)
    }
    const unknown = (field: string, value: string) => {
      if (value.length > MAX.text) {
        drop(field, value.slice(0, 80), 'too_long')
        return
      }
      otherValues.push({ field, value })
      keptAsText.push({ row, field, value, reason: 'unknown_value' })
    }
    const readV1 = (field: string, list: PlaceList) => {
      for (const value of splitList(get(field))) {
        const id = matchV1(list, value)
        if (id) add(list, id)
        else unknown(field, value)
      }
    }
    const readV0 = (field: string, table: keyof typeof V0_VOCABULARY, v1List: PlaceList) => {
      for (const value of splitList(get(field))) {
        const match = matchV0(table, value, v1List)
        if (!match.found) unknown(field, value)
        else if (match.target === null) drop(field, value, 'no_v1_equivalent')
        else if (match.target.list === 'otherLabels') otherLabels.push(value)
        else add(match.target.list, match.target.id)
      }
    }
    if (format === 'v0') {
      readV0('services', 'services', 'services')
      readV0('publics_accueillis', 'publics', 'publics')
      readV0('conditions_acces', 'costs', 'costs')
      readV0('labels_nationaux', 'labels', 'programmes')
      readV0('modalites_accompagnement', 'modalities', 'modalities')
      otherLabels.push(...splitList(get('labels_autres')))
    }
    // v1 fields (also read in a v0 file: producers' tools mix them).
    if (format === 'v1') {
      readV1('services', 'services')
      readV1('modalites_accompagnement', 'modalities')
    }
    readV1('publics_specifiquement_adresses', 'publics')
    readV1('prise_en_charge_specifique', 'supports')
    readV1('frais_a_charge', 'costs')
    readV1('dispositif_programmes_nationaux', 'programmes')
    readV1('formations_labels', 'labels')
    readV1('modalites_acces', 'access')
    readV1('itinerance', 'mobility')
    otherLabels.push(...splitList(get('autres_formations_labels')))

    const typologies: string[] = []
    for (const value of splitList(get('typologie'))) {
      const code = value.toUpperCase().replace(/\s+/g, '_')
      if (/^[A-Z0-9_-]{1,40}$/.test(code)) typologies.push(code === 'AUTRE' ? 'Autre' : code)
      else drop('typologie', value, 'invalid_typology')
    }

    const longText = (field: string, max: number) => {
      const value = displayText(get(field))
      if (value && value.length > max) {
        drop(field, value.slice(0, 80), 'too_long')
        return null
      }
      return value
    }
    const sourceId = longText('id', 200)
    if (!sourceId) drop('id', '', 'missing_field')
    const source = longText('source', 200)
    const nameKey = searchKey(name)
    const place: ImportedPlace = {
      id: placeIdentity({ sourceId, pivot, source, nameKey, addressKey: matchKey(address), postcode: postcode.value }),
      kind: 'lieu',
      sourceId,
      pivot,
      name,
      commune,
      postcode: postcode.value,
      inseeCode: insee,
      departement,
      address,
      addressComplement: longText('complement_adresse', MAX.address),
      latitude,
      longitude,
      typologies,
      phone,
      emails,
      websites,
      hoursText,
      hours,
      summary: longText('presentation_resume', MAX.summary),
      description: longText('presentation_detail', MAX.description),
      source,
      parent: longText('structure_parente', MAX.text),
      updatedOn,
      services: lists.services as ImportedPlace['services'],
      publics: lists.publics as ImportedPlace['publics'],
      supports: lists.supports as ImportedPlace['supports'],
      costs: lists.costs as ImportedPlace['costs'],
      programmes: lists.programmes as ImportedPlace['programmes'],
      labels: lists.labels as ImportedPlace['labels'],
      otherLabels: [...new Set(otherLabels.map((l) => l.slice(0, 200)))],
      access: lists.access as ImportedPlace['access'],
      modalities: lists.modalities as ImportedPlace['modalities'],
      mobility: PLACE_MOBILITY.filter((m) => lists.mobility.includes(m)),
      accessibilityUrl,
      bookingUrl,
      otherValues,
      nameKey,
      communeKey: searchKey(commune),
    }
    if (seen.has(place.id)) {
      report.rejected.push({ row, name, reasons: [{ field: sourceId ? 'id' : 'nom', value: sourceId ?? name, reason: 'duplicate_row' }] })
      return
    }
    seen.add(place.id)
    places.push(place)
    report.dropped.push(...dropped)
    report.keptAsText.push(...keptAsText)
  })
  report.kept = places.length
  return { places, report }
}
