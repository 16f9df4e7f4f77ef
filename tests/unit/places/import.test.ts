// The places import: the official example rows of v1.0.1 and v0.1.1 import with no error, and
// every rejection and normalisation rule of src/lib/places/importRows.ts has its own row.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { importRows, type RawRow } from '@/lib/places/importRows'
import { readPlacesFile } from '@/lib/places/readFile'
import { parseOpeningHours } from '@/lib/places/parseHours'
import { placeRecordSchema } from '@/schemas/places'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const V1_FIELDS = 'id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv'.split(',')

/** A valid v1 row of a real-looking place; each test changes what it checks. */
function v1Row(overrides: Record<string, string> = {}): Record<string, string> {
  const row: Record<string, string> = Object.fromEntries(V1_FIELDS.map((f) => [f, '']))
  Object.assign(row, {
    id: 'lieu-1',
    pivot: '21070334000016',
    nom: 'Médiathèque de Vals',
    commune: 'Vals-les-Bains',
    code_postal: '07600',
    code_insee: '07331',
    adresse: '2 place de la Mairie',
    latitude: '44.6651',
    longitude: '4.3660',
    telephone: '+33475370000',
    horaires: 'Mo-Fr 09:00-12:00,14:00-18:00',
    date_maj: '2026-10-01',
    services: 'Accès internet et matériel informatique|Aide aux démarches administratives',
  })
  return Object.assign(row, overrides)
}

const run = (rows: RawRow[], departements: string[] | null = null) => importRows(rows, { parseHours: parseOpeningHours, departements })
const csv = (rows: Record<string, string>[], delimiter = ',') => Papa.unparse(rows, { delimiter })
function importCsv(text: string) {
  const file = readPlacesFile(text, 'lieux.csv')
  if (!file.ok) throw new Error(file.reason)
  return run(file.rows)
}

describe('official example rows', () => {
  it('imports the v1.0.1 example with no rejection and no dropped value', () => {
    const { places, report } = importCsv(fixture('official-v1.0.1.csv'))
    expect(report).toMatchObject({ format: 'v1', rowsRead: 1, kept: 1, rejected: [], dropped: [], keptAsText: [] })
    const place = places[0]!
    expect(place).toMatchObject({
      name: 'Anonymal',
      postcode: '51100',
      departement: '51',
      phone: '+33180059880',
      emails: ['contact@laquincaillerie.tl', 'responsable@laquincaillerie.tl'],
      services: ['outils_quotidien', 'insertion_professionnelle', 'loisirs_creations'],
      publics: ['jeunes', 'femmes'],
      supports: ['surdite', 'illettrisme', 'langues_anglais'],
      costs: ['gratuit_sous_condition', 'payant'],
      programmes: ['aidants_connect', 'conseillers_numeriques', 'croix_rouge'],
      labels: ['mon_espace_sante', 'arnia_mednum_bfc'],
      otherLabels: ['Label et la bête'],
      access: ['se_presenter', 'telephoner'],
      modalities: ['atelier_collectif', 'a_distance', 'en_autonomie', 'accompagnement_individuel'],
      mobility: ['itinerant'],
      updatedOn: '2024-04-02',
    })
    expect(place.hours?.weekly[0]).toEqual([9 * 60, 12 * 60])
    expect(place.hours?.weekly).toHaveLength(11)
  })

  it('imports the v0.1.1 example with no rejection, mapping its values to v1', () => {
    const { places, report } = importCsv(fixture('official-v0.1.1.csv'))
    expect(report).toMatchObject({ format: 'v0', rowsRead: 1, kept: 1, rejected: [], keptAsText: [] })
    // « Adultes » is everyone: v1 has no value for it, and the report says so.
    expect(report.dropped).toEqual([{ row: 1, field: 'publics_accueillis', value: 'Adultes', reason: 'no_v1_equivalent' }])
    expect(places[0]).toMatchObject({
      services: ['aide_demarches', 'outils_quotidien'],
      publics: ['familles_enfants'],
      supports: ['deficience_visuelle'],
      costs: ['payant', 'gratuit_sous_condition'],
      programmes: ['france_services', 'point_numerique_caf'],
      otherLabels: ['APTIC', 'SudLabs', 'Nièvre médiation numérique'],
      modalities: ['en_autonomie', 'accompagnement_individuel'],
      emails: ['contact@laquincaillerie.tl'],
      websites: ['https://www.laquincaillerie.tl/', 'https://m.facebook.com/laquincaillerienumerique/'],
      accessibilityUrl: expect.stringContaining('acceslibre.beta.gouv.fr'),
    })
  })

  it('gives records that the stored schema accepts', () => {
    const { places } = importCsv(fixture('official-v1.0.1.csv'))
    const base = { structureId: null, authorId: 'device', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', deletedAt: null, rev: null }
    expect(placeRecordSchema.safeParse({ ...base, ...places[0] }).success).toBe(true)
  })
})

describe('rows rejected', () => {
  it.each([
    ['nom', { nom: '' }, 'missing_field'],
    ['adresse', { adresse: '  ' }, 'missing_field'],
    ['commune', { commune: '' }, 'missing_field'],
    ['code_postal', { code_postal: '' }, 'missing_field'],
    ['code_postal', { code_postal: '7A600' }, 'invalid_postcode'],
    ['nom', { nom: 'x'.repeat(301) }, 'too_long'],
  ])('rejects a row whose %s is unusable (%o) and keeps the others', (field, change, reason) => {
    const { places, report } = run([v1Row(), v1Row({ id: 'lieu-2', ...change }), v1Row({ id: 'lieu-3' })])
    expect(places.map((p) => p.sourceId)).toEqual(['lieu-1', 'lieu-3'])
    expect(report.rejected).toEqual([expect.objectContaining({ row: 2, reasons: [expect.objectContaining({ field, reason })] })])
    expect(report.rowsRead).toBe(3)
    expect(report.kept).toBe(2)
  })

  it('rejects a row that repeats an earlier one', () => {
    const { places, report } = run([v1Row(), v1Row()])
    expect(places).toHaveLength(1)
    expect(report.rejected).toEqual([{ row: 2, name: 'Médiathèque de Vals', reasons: [{ field: 'id', value: 'lieu-1', reason: 'duplicate_row' }] }])
  })
})

describe('bad optional values drop the value, never the row', () => {
  it.each([
    ['telephone', 'pas de téléphone', 'invalid_phone'],
    ['courriels', 'contact(at)mairie.fr', 'invalid_email'],
    ['site_web', 'not a url at all', 'invalid_url'],
    ['code_insee', '7A331', 'invalid_insee_code'],
    ['date_maj', '31/02/2026', 'invalid_date'],
    ['pivot', '00000000000000', 'placeholder_pivot'],
    ['pivot', '12-34', 'invalid_pivot'],
    ['typologie', 'Tiers lieu / café', 'invalid_typology'],
  ])('%s « %s » is dropped (%s) and reported', (field, value, reason) => {
    const { places, report } = run([v1Row({ [field]: value })])
    expect(places).toHaveLength(1)
    expect(report.rejected).toEqual([])
    expect(report.dropped).toEqual([{ row: 1, field, value, reason }])
  })

  it('drops Lambert-93 coordinates and keeps the place', () => {
    const { places, report } = run([v1Row({ latitude: '6421000', longitude: '820000' })])
    expect(places[0]).toMatchObject({ latitude: null, longitude: null })
    expect(report.dropped).toEqual([{ row: 1, field: 'latitude,longitude', value: '6421000,820000', reason: 'not_wgs84' }])
  })

  it('keeps a value outside its list as « other », with a warning', () => {
    const { places, report } = run([v1Row({ services: 'Aide aux démarches administratives|Cours de cuisine' })])
    expect(places[0]?.services).toEqual(['aide_demarches'])
    expect(places[0]?.otherValues).toEqual([{ field: 'services', value: 'Cours de cuisine' }])
    expect(report.keptAsText).toEqual([{ row: 1, field: 'services', value: 'Cours de cuisine', reason: 'unknown_value' }])
  })

  it('keeps hours the OpenStreetMap syntax refuses as text', () => {
    const { places, report } = run([v1Row({ horaires: 'du lundi au vendredi de 9h à 12h' })])
    expect(places[0]).toMatchObject({ hours: null, hoursText: 'du lundi au vendredi de 9h à 12h' })
    expect(report.keptAsText).toEqual([{ row: 1, field: 'horaires', value: 'du lundi au vendredi de 9h à 12h', reason: 'hours_not_understood' }])
    expect(report.dropped).toEqual([])
  })

  it('keeps the first of two phone numbers and reports the second', () => {
    const { places, report } = run([v1Row({ telephone: '04 75 37 00 00 / 06 20 57 00 93' })])
    expect(places[0]?.phone).toBe('+33475370000')
    expect(report.dropped).toEqual([{ row: 1, field: 'telephone', value: '06 20 57 00 93', reason: 'extra_phone' }])
  })
})

describe('normalisation', () => {
  it.each([
    ['06 20 57 00 93', '+33620570093'],
    ['0620570093', '+33620570093'],
    ['33630392518', '+33630392518'],
    ['+33 (0)4 75 37 00 00', '+33475370000'],
    ['0033475370000', '+33475370000'],
    ['+262262123456', '+262262123456'],
  ])('writes the phone %s as %s', (raw, phone) => {
    const { places, report } = run([v1Row({ telephone: raw })])
    expect(places[0]?.phone).toBe(phone)
    expect(report.dropped).toEqual([])
  })

  it('gives back the leading zero a postcode lost, and finds its département', () => {
    const { places } = run([v1Row({ code_postal: '1000', code_insee: '1053', commune: 'Bourg-en-Bresse' })])
    expect(places[0]).toMatchObject({ postcode: '01000', inseeCode: '01053', departement: '01' })
  })

  it('matches values whatever their case, accents, apostrophes, spaces or long form', () => {
    const { places, report } = run([
      v1Row({
        services: '  comprehension du monde numerique | ACCÈS INTERNET ET MATÉRIEL INFORMATIQUE ',
        modalites_acces: 'Ce lieu n’accueille pas de public',
        modalites_accompagnement: 'À distance (par téléphone ou en visioconférence)',
        formations_labels: 'Étapes numériques(La Poste)',
      }),
    ])
    expect(places[0]).toMatchObject({
      services: ['comprehension_numerique', 'acces_internet'],
      access: ['pas_de_public'],
      modalities: ['a_distance'],
      labels: ['etapes_numeriques_la_poste'],
    })
    expect(report.keptAsText).toEqual([])
  })

  it('accepts `;` as well as `|` between values, and a `;`-separated CSV', () => {
    const rows = [v1Row({ services: 'Aide aux démarches administratives;Accès internet et matériel informatique' })]
    const { places } = importCsv(csv(rows, ';'))
    expect(places[0]?.services).toEqual(['aide_demarches', 'acces_internet'])
  })

  it('reads dd/mm/yyyy dates, swapped coordinates, web addresses without a scheme, stray spaces and typographic apostrophes', () => {
    const { places, report } = run([
      v1Row({ date_maj: '02/06/2026', latitude: '4.3660', longitude: '44.6651', site_web: 'www.mairie-vals.fr', nom: '  Espace  numérique de l’Europe ' }),
    ])
    expect(places[0]).toMatchObject({ updatedOn: '2026-06-02', latitude: 44.6651, longitude: 4.366, websites: ['https://www.mairie-vals.fr'], name: "Espace numérique de l'Europe" })
    expect(report.dropped).toEqual([])
  })

  it('reads a JSON file with arrays and numbers', () => {
    const row = { ...v1Row(), latitude: 44.6651, longitude: 4.366, services: ['Aide aux démarches administratives'] }
    const file = readPlacesFile(JSON.stringify([row]), 'lieux.json')
    expect(file.ok).toBe(true)
    const { places, report } = run(file.ok ? file.rows : [])
    expect(report.rejected).toEqual([])
    expect(places[0]).toMatchObject({ latitude: 44.6651, services: ['aide_demarches'] })
  })

  it('imports only the départements chosen, and counts the others', () => {
    const { places, report } = run([v1Row(), v1Row({ id: 'lieu-2', code_postal: '26000', code_insee: '26362', commune: 'Valence' })], ['07'])
    expect(places.map((p) => p.departement)).toEqual(['07'])
    expect(report.outsideDepartements).toBe(1)
  })
})

describe('stable ids', () => {
  it('gives the same ids to the same file read twice, and different ids to different places', () => {
    const text = csv([v1Row(), v1Row({ id: '', nom: 'France Services Aubenas', adresse: '1 rue Jean Jaurès' })])
    const first = importCsv(text).places.map((p) => p.id)
    const second = importCsv(text).places.map((p) => p.id)
    expect(first).toEqual(second)
    expect(new Set(first).size).toBe(2)
    for (const id of first) expect(id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/)
  })

  it('identifies a row without an id by its name, address and postcode, whatever their case or accents', () => {
    const a = run([v1Row({ id: '', nom: 'Médiathèque de Vals' })]).places[0]!.id
    const b = run([v1Row({ id: '', nom: 'MEDIATHEQUE DE VALS' })]).places[0]!.id
    expect(a).toBe(b)
  })
})

describe('files that cannot be read', () => {
  it.each([
    ['', 'lieux.csv', 'empty'],
    ['{"nope": 1}', 'lieux.json', 'not_a_places_file'],
    ['[{"nom": ', 'lieux.json', 'invalid_json'],
    ['a,b\n1,2', 'lieux.csv', 'not_a_places_file'],
  ])('%j is refused as %s', (text, name, reason) => {
    expect(readPlacesFile(text, name)).toEqual({ ok: false, reason })
  })
})
