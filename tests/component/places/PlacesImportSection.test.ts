// Settings › Annuaire des lieux: a file imported on the device with its report, a file that
// cannot be read refused with a translated message and nothing written.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '@/ui/i18n'
import type { TandemDatabase } from '@/db/database'
import PlacesImportSection from '@/features/places/PlacesImportSection.vue'
import { freshDatabase, settle, until } from '../harness'

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
  setActivePinia(createPinia())
})
afterEach(async () => {
  wrapper?.unmount()
  database.close()
  await database.delete()
})

async function chooseFile(w: VueWrapper, name: string, text: string): Promise<void> {
  const input = w.find('[data-testid="places-file"]').element as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [new File([text], name, { type: 'text/csv' })], configurable: true })
  await w.find('[data-testid="places-import"]').trigger('click')
}

const CSV = [
  'id,pivot,nom,commune,code_postal,adresse,telephone,horaires,date_maj,services',
  'a,21070334000016,Médiathèque,Vals-les-Bains,7600,2 place,04 75 37 00 00,Mo-Fr 09:00-17:00,2026-10-01,Accès internet et matériel informatique',
  'b,21070334000016,,Vals-les-Bains,07600,1 rue,,,2026-10-01,',
  'c,21070334000016,Mairie,Vals-les-Bains,07600,3 rue,pas de numéro,du lundi au vendredi,2026-10-01,Cours de cuisine',
].join('\n')

it('imports a file and reports the rows kept, refused, and every value not kept as written', async () => {
  wrapper = mount(PlacesImportSection, { global: { plugins: [i18n] } })
  await settle()
  await chooseFile(wrapper, 'lieux.csv', CSV)
  await until(() => wrapper!.find('[data-testid="places-report"]').exists())
  const report = wrapper.find('[data-testid="places-report"]').text()
  expect(report).toContain('3 lignes lues : 2 lieux gardés, 1 lignes refusées.')
  expect(report).toContain('2 ajoutés, 0 mis à jour, 0 inchangés.')
  expect(report).toContain('Ligne 2 : refusée (—) : nom (champ obligatoire vide)')
  expect(report).toContain('Ligne 3 : telephone « pas de numéro » non repris : numéro de téléphone invalide')
  expect(report).toContain('Ligne 3 : horaires « du lundi au vendredi » gardé tel quel : horaires au format inconnu, affichés tels quels')
  expect(report).toContain('Ligne 3 : services « Cours de cuisine » gardé tel quel')
  expect(await database.table('places').count()).toBe(2)
  await until(() => wrapper!.find('[data-testid="places-summary"]').text().includes('2 lieux sur cet appareil (07)'))
})

it('refuses a file that is not a places file, and writes nothing', async () => {
  wrapper = mount(PlacesImportSection, { global: { plugins: [i18n] } })
  await settle()
  await chooseFile(wrapper, 'notes.csv', 'a,b\n1,2')
  await until(() => wrapper!.find('[role="alert"]').exists())
  expect(wrapper.find('[role="alert"]').text()).toContain('n’est pas un fichier de lieux de médiation numérique')
  expect(await database.table('places').count()).toBe(0)
})
