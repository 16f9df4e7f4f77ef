import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { TandemDatabase } from '@/db/database'
import { useContentSource, type ScenarioContentSource } from '@/features/scenarios/content'
import type { Scenario } from '@/features/scenarios/format'
import { freshDatabase, mountAt, settle, until } from '../harness'
import { aWorkshop } from '../../unit/accompaniments/builders'
import { saveWorkshopRecord } from '../../unit/accompaniments/builders'

type StepInput = { id: string; title: string; body: string; agentNote?: string; illustration?: string; illustrationAlt?: string; outcome?: string; next?: string; checkpoint?: { question: string; choices: { label: string; next: string }[] } }
function scenario(id: string, steps: StepInput[]): Scenario {
  return { id, version: 1, title: `Parcours ${id}`, steps } as unknown as Scenario
}
const scenarios = [
  scenario('un', [
    { id: 'a', title: 'Allumer la tablette', body: 'Appuyez **longtemps** sur le bouton.', agentNote: 'Note réservée à l’animateur' },
    { id: 'b', title: 'Déverrouiller', body: 'Glissez le doigt vers le haut.' },
  ]),
  scenario('deux', [{ id: 'c', title: 'Ouvrir le navigateur', body: 'Touchez l’icône.' }]),
  // A branching scenario: a checkpoint whose « non » leads to a dead end, and a picture.
  scenario('branches', [
    { id: 'debut', title: 'Trouver l’icône', body: 'Cherchez l’enveloppe.', illustration: 'icone.svg', illustrationAlt: 'Une enveloppe sur l’écran d’accueil', agentNote: 'Laissez chercher.' },
    { id: 'question', title: 'La voyez-vous ?', body: 'Regardez bien.', checkpoint: { question: 'Voyez-vous l’enveloppe ?', choices: [{ label: 'Oui', next: 'ouvrir' }, { label: 'Non', next: 'aide' }] } },
    { id: 'aide', title: 'Demandez de l’aide', body: 'Un médiateur peut aider.', outcome: 'needs-help' },
    { id: 'ouvrir', title: 'Ouvrez-la', body: 'Touchez une fois.', next: 'fin' },
    { id: 'detour', title: 'Un détour', body: 'Jamais au programme.', outcome: 'refer' },
    { id: 'fin', title: 'Bravo', body: 'C’est fait.', outcome: 'done' },
  ]),
]
const source: ScenarioContentSource = {
  catalogue: async () => [],
  scenario: async (id) => {
    const s = scenarios.find((x) => x.id === id)
    return s ? { scenario: s, media: { 'icone.svg': '/assets/icone-123.svg' } } : undefined
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

  it('projects the main path only, counting its steps, with the picture and the checkpoint question', async () => {
    const w1 = await saveWorkshopRecord(aWorkshop({ status: 'planned', participants: null, programme: ['branches'] }))
    const { wrapper: w } = await mountAt({ name: 'workshop-projector', params: { id: w1.id } })
    wrapper = w
    await until(() => w.find('.projector__title').exists())
    // 4 steps on the main path (debut, question, ouvrir, fin): the dead end and the detour do not count.
    expect(w.get('[data-testid=projector-where]').text()).toContain('étape 1 sur 4')
    const picture = w.get('[data-testid=projector-picture]')
    expect(picture.attributes('src')).toBe('/assets/icone-123.svg')
    expect(picture.attributes('alt')).toBe('Une enveloppe sur l’écran d’accueil')
    expect(w.text()).not.toContain('Laissez chercher')
    await w.get('[data-testid=projector-next]').trigger('click')
    expect(w.get('[data-testid=projector-question]').text()).toContain('Voyez-vous l’enveloppe ?')
    expect(w.findAll('[data-testid=projector-question] li').map((li) => li.text())).toEqual(['Oui', 'Non'])
    await w.get('[data-testid=projector-next]').trigger('click')
    expect(w.find('.projector__title').text()).toBe('Ouvrez-la')
    expect(w.get('[data-testid=projector-where]').text()).toContain('étape 3 sur 4')
  })

  it('moves with the keys a keyboard or a clicker sends, and leaves buttons their own space bar', async () => {
    const w1 = await saveWorkshopRecord(aWorkshop({ status: 'planned', participants: null, programme: ['branches'] }))
    const { wrapper: w } = await mountAt({ name: 'workshop-projector', params: { id: w1.id } })
    wrapper = w
    await until(() => w.find('.projector__title').exists())
    const title = () => w.get('.projector__title').text()
    const press = async (key: string, target: EventTarget = document.body) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
      await settle(2)
    }
    await press('PageDown')
    expect(title()).toBe('La voyez-vous ?')
    await press(' ')
    expect(title()).toBe('Ouvrez-la')
    await press('ArrowRight')
    expect(title()).toBe('Bravo')
    await press('PageUp')
    expect(title()).toBe('Ouvrez-la')
    await press('ArrowLeft')
    expect(title()).toBe('La voyez-vous ?')
    // Space on a focused button presses that button only.
    await press(' ', w.get('[data-testid=projector-notes]').element)
    expect(title()).toBe('La voyez-vous ?')
    await press('Home')
    expect(title()).toBe('Trouver l’icône')
  })

  it('goes full screen from its button and follows the browser when Escape leaves it', async () => {
    let element: Element | null = null
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => element })
    Element.prototype.requestFullscreen = function (this: Element) {
      const requested: Element = this as Element
      return Promise.resolve().then(() => {
        element = requested
        document.dispatchEvent(new Event('fullscreenchange'))
      })
    }
    document.exitFullscreen = async () => {
      element = null
      document.dispatchEvent(new Event('fullscreenchange'))
    }
    try {
      const w1 = await saveWorkshopRecord(aWorkshop({ status: 'planned', participants: null, programme: ['un'] }))
      const { wrapper: w } = await mountAt({ name: 'workshop-projector', params: { id: w1.id } })
      wrapper = w
      await until(() => w.find('.projector__title').exists())
      const button = () => w.get('[data-testid=projector-fullscreen]')
      expect(button().text()).toBe('Plein écran')
      await button().trigger('click')
      await settle(2)
      expect(element).toBe(w.get('[data-testid=projector]').element)
      expect(button().text()).toBe('Quitter le plein écran')
      expect(button().attributes('aria-pressed')).toBe('true')
      // Escape is the browser's: it leaves full screen and says so with fullscreenchange.
      element = null
      document.dispatchEvent(new Event('fullscreenchange'))
      await settle(2)
      expect(button().text()).toBe('Plein écran')
    } finally {
      Reflect.deleteProperty(document, 'fullscreenElement')
    }
  })

  it('opens the facilitator’s notes in a second window that follows the projector', async () => {
    const opened: string[] = []
    const realOpen = window.open
    window.open = ((url: string) => {
      opened.push(url)
      return {} as Window
    }) as typeof window.open
    try {
      const w1 = await saveWorkshopRecord(aWorkshop({ status: 'planned', participants: null, programme: ['branches'] }))
      const { wrapper: projector } = await mountAt({ name: 'workshop-projector', params: { id: w1.id } })
      wrapper = projector
      await until(() => projector.find('.projector__title').exists())
      await projector.get('[data-testid=projector-notes]').trigger('click')
      expect(opened).toEqual([`${window.location.origin}/workshops/${w1.id}/notes`])

      // The notes window, as the second window would show it.
      const { wrapper: notes } = await mountAt({ name: 'workshop-projector-notes', params: { id: w1.id } })
      try {
        await until(() => notes.find('[data-testid=notes-step]').exists())
        await until(() => notes.text().includes('Cette fenêtre suit la projection.'))
        expect(notes.get('[data-testid=notes-step]').text()).toBe('Trouver l’icône')
        expect(notes.get('[data-testid=notes-note]').text()).toBe('Laissez chercher.')
        expect(notes.text()).toContain('Ensuite : La voyez-vous ?')
        await projector.get('[data-testid=projector-next]').trigger('click')
        await until(() => notes.get('[data-testid=notes-step]').text() === 'La voyez-vous ?')
        expect(notes.get('[data-testid=notes-note]').text()).toBe('Pas de note pour cette étape.')
        // The facilitator can move the projection from the notes window.
        await notes.findAll('button').find((b) => b.text() === 'Suivant')!.trigger('click')
        await until(() => projector.get('.projector__title').text() === 'Ouvrez-la')
      } finally {
        notes.unmount()
      }
    } finally {
      window.open = realOpen
    }
  })
})
