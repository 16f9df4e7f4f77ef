import { describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { readFileSync } from 'node:fs'
import { toCsv, BOM } from '@/lib/csv'
import { EXPORT_COLUMNS, exportJson, exportRows, exportTable, frenchDate, type ExportLabels } from '@/features/stats/exportRows'
import type { ListName } from '@/schemas/lists'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'
import { generator } from '../accompaniments/generate'

const fr = JSON.parse(readFileSync(new URL('../../../locales/fr.json', import.meta.url), 'utf8')) as { lists: Record<ListName, Record<string, string>> }
const labels: ExportLabels = {
  label: (list, id) => fr.lists[list][id] ?? id,
  yes: 'Oui',
  no: 'Non',
  scenario: (id) => `Scénario ${id}`,
}

function parse(csv: string, delimiter: string) {
  return Papa.parse<Record<string, string>>(csv.slice(BOM.length), { header: true, delimiter, skipEmptyLines: true })
}

describe('activity export', () => {
  const g = generator(7)
  const sessions: Accompaniment[] = Array.from({ length: 300 }, () => g.session('2026-01-01', 60))
  const workshops: Workshop[] = Array.from({ length: 30 }, () => g.workshop('2026-01-01', 60))
  sessions[0] = { ...sessions[0]!, themes: ['aide_aux_demarches_administratives', 'sante'], adminThemes: ['social_sante', 'logement'], procedureName: 'Demande de CSS « complémentaire »; suivi', onBehalf: true, notes: 'Élodie a dit : "ça marche", puis ; et ,', deletedAt: null, autonomy: 'autonome', profile: { ...sessions[0]!.profile, gender: 'feminin', ageBracket: 'soixante_dix_plus' } }
  const rows = exportRows(sessions, workshops, labels)

  it('names and orders the columns like the national export, then Tandem’s', () => {
    expect(EXPORT_COLUMNS.slice(0, 6)).toEqual(['Date', 'Enregistré le', 'Dernière modification le', 'Type', 'Participants', "Canaux d'accompagnement"])
    expect(EXPORT_COLUMNS.at(-7)).toBe('ID CRA')
    expect(EXPORT_COLUMNS.slice(-6)).toEqual(['Scénarios utilisés', 'Résultat', 'Suivi souhaité', 'Démarche faite pour la personne', 'Déjà accompagné', 'Lieu de réorientation'])
  })

  it('exports live records only, with labels in cells', () => {
    const expectedCount = sessions.filter((s) => !s.deletedAt).length + workshops.filter((w) => !w.deletedAt && w.status === 'held').length
    expect(rows).toHaveLength(expectedCount)
    const row = rows.find((r) => r['ID CRA'] === sessions[0]!.id)!
    expect(row.Type).toBe('Accompagnement individuel')
    expect(row["Thématique(s) d'accompagnement"]).toBe('Aide aux démarches administratives\nSanté\nSocial - Santé\nLogement')
    expect(row["Niveau d'autonomie (ou de l'atelier)"]).toBe('3/3')
    expect(row["Tranche d'âge du bénéficiaire"]).toBe('70 ans et plus')
    expect(row['Démarche faite pour la personne']).toBe('Oui')
    expect(row.Date).toBe(frenchDate(sessions[0]!.date))
  })

  it.each([';', ','] as const)('writes CSV with a BOM and « %s » that parses back to the same rows', (sep) => {
    const { headers, cells } = exportTable(rows)
    const csv = toCsv(headers, cells, sep)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.slice(1).split('\r\n')[0]).toBe(EXPORT_COLUMNS.map((c) => (c.includes(sep) || c.includes('"') ? `"${c}"` : c)).join(sep))
    const parsed = parse(csv, sep)
    expect(parsed.errors).toEqual([])
    expect(parsed.meta.fields).toEqual([...EXPORT_COLUMNS])
    expect(parsed.data).toEqual(rows.map((r) => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, String(r[c])]))))
    const mine = parsed.data.find((r) => r['ID CRA'] === sessions[0]!.id)!
    expect(mine['Notes supplémentaires']).toBe('Élodie a dit : "ça marche", puis ; et ,')
    expect(mine['Nom de la démarche administrative']).toBe('Demande de CSS « complémentaire »; suivi')
  })

  it('keeps every field in the JSON export', () => {
    const json = JSON.parse(exportJson(sessions, workshops, { from: '2026-01-01', to: '2026-03-01', exportedAt: '2026-03-02T10:00:00.000Z' }))
    expect(json.sessionLogs).toEqual(sessions)
    expect(json.workshops).toEqual(workshops)
  })
})
