// The leave-behind QR code and the printable memo sheet.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import LeaveBehind from '@/features/scenarios/components/LeaveBehind.vue'
import QrCode from '@/ui/QrCode.vue'
import MemoView from '@/features/scenarios/MemoView.vue'
import { mount } from '@vue/test-utils'
import { mountWithApp } from '../../support/mount'
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
    // The needs-help ending is left out: 6 of the 7 steps.
    expect(memo.findAll('.steps > li')).toHaveLength(6)
    expect(memo.text()).toContain('Allumez votre téléphone — Appuyez longtemps sur le bouton marche/arrêt, sur le côté.')
    expect(memo.get('.warning').text()).toContain('ne le donnez à personne')
    expect(memo.get('.sources a').text()).toBe('https://example.org/messagerie')
    expect(memo.text()).toContain('vérifié le 20 novembre 2026')
    expect(memo.get('.no-print').text()).toContain('Imprimer')
  })
})
