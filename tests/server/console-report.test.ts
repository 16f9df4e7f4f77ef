// The console's report and exports against the tablet's own code: the same statistics for the
// same generated records (several thousand, one implementation: src/lib/activityStats.ts), and
// XLSX and CSV files that read back to the same records in the national layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { computeStats } from '../../src/lib/activityStats.ts'
import { SERVER_COLUMNS, textCells } from '../../src/lib/activityExport.ts'
import type { Accompaniment } from '../../src/schemas/accompaniment.ts'
import type { Workshop } from '../../src/schemas/workshop.ts'
import { exportLabels, EXPORT_TIME_ZONE } from '../../server/src/services/console-export.ts'
import { createCode } from '../../server/src/services/admin.ts'
import { generator } from '../unit/accompaniments/generate.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { call, insertRecords, signedInStructure, startConsoleServer, type ConsoleServer, type ConsoleStructure } from './helpers/console.ts'

/** The national platform's export columns, in its order (shared/reference/national-activity-report.md), as Tandem writes them. */
const NATIONAL = [
  'Date', 'Enregistré le', 'Dernière modification le', 'Type', 'Participants', "Canaux d'accompagnement",
  'Nom du lieu', 'Adresse', 'Commune', 'Code postal', 'Code Insee', 'Durée (min)', "Nom de l'atelier",
  'Matériel numérique utilisé', "Thématique(s) d'accompagnement", 'Tags', 'Nom de la démarche administrative',
  "Niveau d'autonomie (ou de l'atelier)", 'Bénéficiaire réorienté', 'Structure de redirection',
  'Commune du bénéficiaire', 'Code postal du bénéficiaire', 'Code Insee du bénéficiaire', 'Genre du bénéficiaire',
  "Tranche d'âge du bénéficiaire", 'Statut du bénéficiaire', 'Notes supplémentaires', 'ID CRA',
]
const TANDEM = ['Scénarios utilisés', 'Résultat', 'Suivi souhaité', 'Démarche faite pour la personne', 'Déjà accompagné', 'Lieu de réorientation', 'Intervenant']

describe.each(databaseTargets)('console report and exports on $kind', (target) => {
  let database: TestDatabase
  let server: ConsoleServer
  let home: ConsoleStructure
  const authors: string[] = []
  const sessions: Accompaniment[] = []
  const workshops: Workshop[] = []
  const authorOf = new Map<string, string>()
  const period = { from: '2026-01-01', to: '2026-12-31' }

  beforeAll(async () => {
    database = await target.create()
    server = await startConsoleServer(database)
    home = await signedInStructure(server)
    for (const name of ['Awa Diallo', 'Élise Martin', 'Noé Léger']) authors.push((await createCode(server.db, home.structureId, { role: 'agent', name })).userId)
    const g = generator(2026)
    const places = ['Médiathèque d’Aubenas', 'Mairie de Vals', null]
    for (let i = 0; i < 4000; i++) {
      // A few records fall outside the period on each side.
      const s = g.session('2025-12-20', 390)
      sessions.push({ ...s, placeName: places[i % 3] ?? null, notes: i === 0 ? 'Élodie : « ça marche » ; puis, fin' : s.notes })
    }
    for (let i = 0; i < 400; i++) workshops.push({ ...g.workshop('2025-12-20', 390), placeName: places[i % 3] ?? null })
    const all = [...sessions, ...workshops]
    all.forEach((record, i) => authorOf.set(record.id, authors[i % authors.length]!))
    for (const author of authors) {
      const mine = all.filter((r) => authorOf.get(r.id) === author)
      await insertRecords(server.db, home.structureId, author, mine)
    }
  }, 120_000)
  afterAll(async () => {
    await server.app.close()
    await database.destroy()
  })

  const report = async (query: Record<string, string>) => {
    const response = await call(server, 'GET', `/api/console/structures/${home.structureId}/report?${new URLSearchParams(query)}`, { cookie: home.cookie })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<{ stats: unknown; byPerson: Array<{ userId: string; activities: number; people: number; minutes: number }>; filters: { places: string[] } }>()
  }

  it('counts exactly as the tablet does, for the whole structure and with each filter', async () => {
    const tablet = (keep: (r: Accompaniment | Workshop) => boolean, range = period) =>
      computeStats(sessions.filter(keep) as Accompaniment[], workshops.filter(keep) as Workshop[], { ...range, granularity: 'month' })
    const all = await report(period)
    expect(all.stats).toEqual(tablet(() => true))
    expect((all.stats as { activities: number }).activities).toBeGreaterThan(3000)

    const awa = authors[0]!
    expect((await report({ ...period, person: awa })).stats).toEqual(tablet((r) => authorOf.get(r.id) === awa))
    expect((await report({ ...period, kind: 'collectif' })).stats).toEqual(tablet((r) => r.kind === 'collectif'))
    expect((await report({ ...period, theme: 'email' })).stats).toEqual(tablet((r) => r.themes.includes('email')))
    expect((await report({ ...period, place: 'Médiathèque d’Aubenas' })).stats).toEqual(tablet((r) => r.placeName === 'Médiathèque d’Aubenas'))
    // A short period is shown by week, as on the tablet.
    const spring = { from: '2026-03-01', to: '2026-04-15' }
    expect((await report(spring)).stats).toEqual(computeStats(sessions, workshops, { ...spring, granularity: 'week' }))

    // By person: the per-person figures add up to the whole.
    const people = all.byPerson
    expect(people.map((p) => p.userId).sort()).toEqual([...authors].sort())
    expect(people.reduce((n, p) => n + p.activities, 0)).toBe((all.stats as { activities: number }).activities)
    expect(people.reduce((n, p) => n + p.minutes, 0)).toBe((all.stats as { minutes: number }).minutes)
    expect(all.filters.places).toContain('Médiathèque d’Aubenas')
  })

  it('reads the same records whatever the page size, oldest first, once each', async () => {
    const { scanActivities } = await import('../../server/src/services/console-activities.ts')
    const ids = async (pageSize: number) => {
      const out: string[] = []
      for await (const { record } of scanActivities(server.db, home.structureId, { ...period, theme: 'email' }, 'stats', pageSize)) out.push(`${record.date}/${record.id}`)
      return out
    }
    const small = await ids(7)
    expect(small).toEqual(await ids(5000))
    expect(small).toEqual([...small].sort())
    expect(new Set(small).size).toBe(small.length)
    expect(small.length).toBe(expected().filter((r) => r.themes.includes('email')).length)
  })

  it('refuses a period that is not one', async () => {
    for (const query of ['from=2026-12-31&to=2026-01-01', 'from=2026-13-01&to=2026-12-31', 'from=2026-01-01', 'from=2000-01-01&to=2026-01-01', 'from=2026-01-01&to=2026-02-01&kind=autre']) {
      const response = await call(server, 'GET', `/api/console/structures/${home.structureId}/report?${query}`, { cookie: home.cookie })
      expect(response.statusCode, query).toBe(400)
      expect(response.json()).toMatchObject({ error: 'invalid_period', message: expect.stringContaining('période') })
    }
  })

  const expected = () => {
    const live = [...sessions.filter((s) => !s.deletedAt), ...workshops.filter((w) => !w.deletedAt && w.status === 'held')]
      .filter((r) => r.date >= period.from && r.date <= period.to)
      .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
    // As stored: the server stamps the author (and structure) of every record it accepts.
    return live.map((r) => ({ ...r, authorId: authorOf.get(r.id)!, structureId: home.structureId }))
  }

  it('exports XLSX in the national layout that reads back to the same records: headers, order, accents, dates, one row each', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/console/structures/${home.structureId}/export/xlsx?from=${period.from}&to=${period.to}`,
      headers: { 'x-tandem-console': '1' },
      cookies: { tandem_console: home.cookie },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers['content-disposition']).toContain('tandem-mediatheque-d-aubenas-2026-01-01_2026-12-31.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(headers).toEqual([...NATIONAL, ...TANDEM])
    const records = expected()
    expect(sheet.actualRowCount).toBe(records.length + 1)
    const labels = await exportLabels(server.db, home.structureId)
    const idColumn = headers.indexOf('ID CRA') + 1
    records.forEach((record, i) => {
      const row = sheet.getRow(i + 2)
      expect(row.getCell(idColumn).value).toBe(record.id)
      const text = textCells(SERVER_COLUMNS, record, labels, EXPORT_TIME_ZONE)
      SERVER_COLUMNS.forEach((column, c) => {
        const cell = row.getCell(c + 1).value
        if (column.type === 'date') {
          expect(cell).toBeInstanceOf(Date)
          expect((cell as Date).toISOString().slice(0, 10)).toBe(record.date)
        } else if (column.type === 'moment') {
          expect(cell).toBeInstanceOf(Date)
        } else {
          expect(cell ?? '', `${column.header} of ${record.id}`).toEqual(text[c] === '' ? '' : text[c])
        }
      })
    })
    const first = records.findIndex((r) => r.id === sessions[0]!.id)
    if (first >= 0) expect(sheet.getRow(first + 2).getCell(headers.indexOf('Notes supplémentaires') + 1).value).toBe('Élodie : « ça marche » ; puis, fin')
    const withThemes = records.find((r) => r.themes.length > 1)!
    expect(String(sheet.getRow(records.indexOf(withThemes) + 2).getCell(headers.indexOf("Thématique(s) d'accompagnement") + 1).value)).toContain('\n')
    expect(sheet.getRow(2).getCell(headers.indexOf('Type') + 1).value).toMatch(/^(Accompagnement individuel|Atelier collectif)$/)
  })

  it('exports CSV for French Excel (BOM, « ; ») with the same columns and rows, and JSON with the records', async () => {
    const response = await call(server, 'GET', `/api/console/structures/${home.structureId}/export/csv?from=${period.from}&to=${period.to}&kind=individuel`, { cookie: home.cookie })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.body.startsWith('\uFEFF')).toBe(true)
    const parsed = Papa.parse<string[]>(response.body.slice(1), { delimiter: ';', skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    expect(parsed.data[0]).toEqual([...NATIONAL, ...TANDEM])
    const records = expected().filter((r) => r.kind === 'individuel')
    expect(parsed.data.length - 1).toBe(records.length)
    const labels = await exportLabels(server.db, home.structureId)
    records.forEach((record, i) => expect(parsed.data[i + 1]).toEqual(textCells(SERVER_COLUMNS, record, labels, EXPORT_TIME_ZONE).map(String)))

    const json = await call(server, 'GET', `/api/console/structures/${home.structureId}/export/json?from=${period.from}&to=${period.to}`, { cookie: home.cookie })
    const body = json.json<{ format: string; sessionLogs: Array<{ id: string }>; workshops: Array<{ id: string }> }>()
    expect(body.format).toBe('tandem-activity-export')
    expect(body.sessionLogs.map((r) => r.id)).toEqual(records.map((r) => r.id))
    expect(body.workshops.length).toBe(expected().filter((r) => r.kind === 'collectif').length)
  })
})
