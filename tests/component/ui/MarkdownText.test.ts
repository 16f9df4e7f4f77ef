// Scenario texts are rendered from a token tree: markup in content can never become HTML.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import MarkdownText from '@/ui/MarkdownText.vue'

describe('MarkdownText', () => {
  it('renders bold, lists and safe links', () => {
    const wrapper = mount(MarkdownText, { props: { source: 'Touchez **Envoyer**.\n\n- un\n- [impots.gouv.fr](https://www.impots.gouv.fr/)', lang: 'fr' } })
    expect(wrapper.get('strong').text()).toBe('Envoyer')
    expect(wrapper.findAll('li')).toHaveLength(2)
    const link = wrapper.get('a')
    expect(link.attributes('href')).toBe('https://www.impots.gouv.fr/')
    expect(link.attributes('rel')).toBe('noopener noreferrer')
    expect(wrapper.get('.markdown').attributes('lang')).toBe('fr')
  })

  it.each([
    '<img src=x onerror="alert(1)">',
    '<script>alert(1)</script>',
    '[clic](javascript:alert(1))',
    '**<svg onload=alert(1)>**',
    '[x](https://a.fr" onclick="alert(1))',
    '<a href="javascript:alert(1)">clic</a>',
  ])('keeps %s inert', (source) => {
    const wrapper = mount(MarkdownText, { props: { source } })
    expect(wrapper.findAll('img, script, svg, [onerror], [onload], [onclick]')).toHaveLength(0)
    for (const link of wrapper.findAll('a')) expect(link.attributes('href')).toMatch(/^https:\/\//)
    expect(wrapper.text()).toContain(source.includes('<') ? '<' : 'clic')
  })

  it('keeps « : ; ? ! » and guillemets on the line of their word in French, and only in French', () => {
    const source = 'Voyez-vous l’icône ? Touchez « **Envoyer** » : c’est fait ; bravo !\n\n- [Aide](https://example.org/aide) ?'
    const french = mount(MarkdownText, { props: { source, lang: 'fr' } })
    const text = french.get('p').element.textContent ?? ''
    expect(text).toBe('Voyez-vous l’icône\u00a0? Touchez «\u00a0Envoyer\u00a0»\u00a0: c’est fait\u00a0; bravo\u00a0!')
    expect(french.get('li').element.textContent).toBe('Aide\u00a0?')
    // A link's address is never touched.
    expect(french.get('a').attributes('href')).toBe('https://example.org/aide')
    const english = mount(MarkdownText, { props: { source: 'Can you see it ? Yes !', lang: 'en' } })
    expect(english.get('p').element.textContent).toBe('Can you see it ? Yes !')
  })
})
