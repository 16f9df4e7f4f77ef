// The leave-behind QR code and the printable memo sheet.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import LeaveBehind from '@/features/scenarios/components/LeaveBehind.vue'
import QrCode from '@/ui/QrCode.vue'
import MemoView from '@/features/scenarios/MemoView.vue'
import { mount } from '@vue/test-utils'
import { mountWithApp } from '../../support/mount'
import { saveProgress } from '@/features/scenarios/repo'
import { SCENARIO_ID, freshScenarioWorld, setPreferences } from './support'

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

beforeEach(() => {
  freshScenarioWorld()
  setPreferences({ mode: 'agent' })
})
afterEach(() => localStorage.clear())

describe('leave-behind', () => {
  it('draws a square QR matrix of the given text', () => {
    const wrapper = mount(QrCode, { props: { text: 'https://tandem.example/scenarios/a/b?mode=self', label: 'QR' } })
    const svg = wrapper.get('svg')
    expect(svg.attributes('data-qr-text')).toBe('https://tandem.example/scenarios/a/b?mode=self')
    expect(svg.attributes('role')).toBe('img')
    const [, , width, height] = (svg.attributes('viewBox') ?? '').split(' ').map(Number)
    expect(width).toBe(height)
    expect(width).toBeGreaterThanOrEqual(25)
    expect((wrapper.get('path').attributes('d') ?? '').length).toBeGreaterThan(100)
  })

  it('encodes this step of this scenario in self-guided mode, once opened', async () => {
    const { wrapper } = await mountWithApp(LeaveBehind, { path: '/', props: { scenarioId: SCENARIO_ID, stepId: 'ouvrir' } })
    expect(wrapper.find('svg').exists()).toBe(false)
    const details = wrapper.get('details')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await settle()
    const expected = `${window.location.origin}/scenarios/${SCENARIO_ID}/ouvrir?mode=self`
    expect(wrapper.get('svg').attributes('data-qr-text')).toBe(expected)
    expect(wrapper.get('[data-testid=qr-url]').text()).toBe(expected)
    expect(wrapper.get('a').attributes('href')).toBe(`/fiches/${SCENARIO_ID}`)
  })

  it('prints a memo: title, summary, key point per step, warnings, sources with addresses', async () => {
    const { wrapper } = await mountWithApp(MemoView, { path: `/fiches/${SCENARIO_ID}` })
    await settle()
    const memo = wrapper.get('[data-testid=memo]')
    expect(memo.get('h1').text()).toBe('Ouvrir sa messagerie sur le téléphone')
    expect(memo.text()).toContain('Trouver l’application de messagerie, l’ouvrir et lire son dernier message.')
    // The main path only: no dead end (needs-help, refer), 5 of the 7 steps; nothing played here yet.
    expect(memo.findAll('[data-testid=memo-main] .steps > li').map((li) => li.get('strong').text())).toEqual([
      'Allumez votre téléphone', 'Trouvez l’application de messagerie', 'Ouvrez l’application', 'Lisez votre dernier message', 'Bravo !',
    ])
    expect(memo.find('[data-testid=memo-followed]').exists()).toBe(false)
    expect(memo.text()).toContain('Allumez votre téléphone — Appuyez longtemps sur le bouton marche/arrêt, sur le côté.')
    expect(memo.get('.warning').text()).toContain('ne le donnez à personne')
    expect(memo.get('.sources a').text()).toBe('https://example.org/messagerie')
    // The writers' remark on the source (« (une page lue) ») is not for the reader.
    expect(memo.get('.sources li').text()).toMatch(/^Page d’exemple — https/)
    expect(memo.get('[data-testid=memo-appointment]').text()).toContain('Prochain rendez-vous')
    expect(memo.text()).toContain('vérifié le 20 novembre 2026')
    expect(memo.get('.no-print').text()).toContain('Imprimer')
  })

  it('prints the path this person actually followed beside the main path', async () => {
    const at = new Date().toISOString()
    await saveProgress({
      scenarioId: SCENARIO_ID, scenarioVersion: 1, currentStepId: 'orienter', history: ['allumer', 'trouver-application', 'ouvrir', 'orienter'],
      answers: { 'trouver-application': 0, ouvrir: 1 }, stuck: false, startedAt: at, updatedAt: at, finishedAt: at, outcome: 'refer', activeSeconds: 120,
    })
    const { wrapper } = await mountWithApp(MemoView, { path: `/fiches/${SCENARIO_ID}` })
    await settle()
    const followed = wrapper.get('[data-testid=memo-followed]')
    expect(followed.get('h2').text()).toBe('Le chemin que vous avez suivi')
    expect(followed.findAll('li strong').map((s) => s.text())).toEqual(['Allumez votre téléphone', 'Trouvez l’application de messagerie', 'Ouvrez l’application', 'Demandez de l’aide pour vous connecter'])
    expect(wrapper.findAll('[data-testid=memo-main] li strong').map((s) => s.text())).not.toContain('Demandez de l’aide pour vous connecter')
  })

  it('shows a heading when the scenario does not exist', async () => {
    const { wrapper } = await mountWithApp(MemoView, { path: '/fiches/nulle-part' })
    await settle()
    expect(wrapper.get('h1').text()).toBe('Parcours introuvable')
  })
})

describe('sharing the leave-behind', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'share')
  })

  async function openPanel() {
    const { wrapper } = await mountWithApp(LeaveBehind, { path: '/', props: { scenarioId: SCENARIO_ID, stepId: 'ouvrir', title: 'Ouvrir sa messagerie' } })
    const details = wrapper.get('details')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await settle()
    return wrapper
  }

  it('hands the self-guided link to the system share sheet, and stores nothing', async () => {
    const shared: ShareData[] = []
    Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) })
    const before = localStorage.length
    const wrapper = await openPanel()
    await wrapper.get('[data-testid=share]').trigger('click')
    await settle()
    expect(shared).toEqual([{ title: 'Ouvrir sa messagerie', text: expect.stringContaining('continuer ce parcours'), url: `${window.location.origin}/scenarios/${SCENARIO_ID}/ouvrir?mode=self` }])
    expect(wrapper.get('[data-testid=share-status]').text()).toBe('Lien transmis à l’application choisie.')
    expect(wrapper.text()).toContain('Tandem ne garde ni le numéro ni le contact choisi.')
    expect(localStorage.length).toBe(before)
  })

  it('says nothing when the share sheet is closed, and explains a failure', async () => {
    let answer: Error = new DOMException('closed', 'AbortError')
    Object.defineProperty(navigator, 'share', { configurable: true, value: async () => { throw answer } })
    const wrapper = await openPanel()
    await wrapper.get('[data-testid=share]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid=share-status]').text()).toBe('')
    answer = new DOMException('denied', 'NotAllowedError')
    await wrapper.get('[data-testid=share]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid=share-status]').text()).toContain('Le partage n’a pas abouti')
  })

  it('has no share button where the browser has no share sheet', async () => {
    const wrapper = await openPanel()
    expect(wrapper.find('[data-testid=share]').exists()).toBe(false)
    expect(wrapper.find('svg').exists()).toBe(true)
  })
})
