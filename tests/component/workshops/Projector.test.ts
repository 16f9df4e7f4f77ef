import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { useContentSource, type ScenarioContentSource } from '@/features/scenarios/content'
import type { Scenario } from '@/features/scenarios/format'
import { freshDatabase, mountAt, until } from '../harness'
import { aWorkshop } from '../../unit/accompaniments/builders'
import { saveWorkshopRecord } from '../../unit/accompaniments/builders'

function scenario(id: string, steps: { id: string; title: string; body: string; agentNote?: string }[]): Scenario {
  return { id, version: 1, title: `Parcours ${id}`, steps } as unknown as Scenario
}
const scenarios = [
  scenario('un', [
    { id: 'a', title: 'Allumer la tablette', body: 'Appuyez **longtemps** sur le bouton.', agentNote: 'Note réservée à l’animateur' },
    { id: 'b', title: 'Déverrouiller', body: 'Glissez le doigt vers le haut.' },
  ]),
  scenario('deux', [{ id: 'c', title: 'Ouvrir le navigateur', body: 'Touchez l’icône.' }]),
]
const source: ScenarioContentSource = {
  catalogue: async () => [],
  scenario: async (id) => {
    const s = scenarios.find((x) => x.id === id)
    return s ? { scenario: s, media: {} } : undefined
  },
  translation: async () => ({}),
  catalogueTranslation: async () => ({}),
  searchIndex: async () => [],
}

let database: TandemDatabase
let wrapper: VueWrapper | undefined
beforeEach(async () => {
  database = await freshDatabase()
  useContentSource(source)
})
afterEach(async () => {
  wrapper?.unmount()
  useContentSource(undefined)
  database.close()
  await database.delete()
})

describe('projector', () => {
  it('steps through every scenario of the programme, never showing agent notes', async () => {
    const w1 = await saveWorkshopRecord(aWorkshop({ status: 'planned', participants: null, programme: ['un', 'absent', 'deux'] }))
    const { wrapper: w } = await mountAt({ name: 'workshop-projector', params: { id: w1.id } })
    wrapper = w
    await until(() => w.find('.projector__title').exists())
    expect(w.find('.projector__title').text()).toBe('Allumer la tablette')
    expect(w.find('strong').text()).toBe('longtemps')
    expect(w.text()).not.toContain('Note réservée')
    expect(w.text()).toContain('Parcours 1 sur 3 · étape 1 sur 2')
    expect(w.text()).toContain('Parcours indisponibles : absent')
    const next = () => w.findAll('button').find((b) => b.text() === 'Suivant')!
    await next().trigger('click')
    await next().trigger('click')
    expect(w.find('.projector__title').text()).toBe('Ouvrir le navigateur')
    expect(w.text()).toContain('Parcours 3 sur 3 · étape 1 sur 1')
    expect(next().attributes('disabled')).toBeDefined()
  })
})
