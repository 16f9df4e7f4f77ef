// The shell around every screen: the tab title follows the language at once, and the phone's
// navigation shows every destination (main ones in the bar, the others behind « Plus »).
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import App from '@/app/App.vue'
import { splitNavigation } from '@/app/navigation'
import { usePreferencesStore } from '@/features/settings/preferences'
import { setLocale } from '@/ui/i18n'
import { useContentSource } from '@/features/scenarios/content'
import { mountWithApp } from '../../support/mount'
import { fixtureContent } from '../scenarios/support'

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

function setMode(mode: 'agent' | 'workshop' | 'citizen'): void {
  localStorage.setItem('tandem.preferences', JSON.stringify({ mode, locale: 'fr', textSize: 'normal', highContrast: false }))
}

let unmount: (() => void) | undefined
let restore: (() => void) | undefined
beforeEach(() => {
  localStorage.clear()
  useContentSource(fixtureContent())
})
afterEach(async () => {
  useContentSource(undefined)
  unmount?.()
  unmount = undefined
  restore?.()
  restore = undefined
  await setLocale('fr')
  localStorage.clear()
})

describe('tab title', () => {
  it('changes language as soon as the language is chosen, not on the next page', async () => {
    setMode('agent')
    const { wrapper } = await mountWithApp(App, { path: '/scenarios', attachTo: document.body })
    unmount = () => wrapper.unmount()
    await settle()
    expect(document.title).toBe('Parcours guidés — Tandem')
    usePreferencesStore().locale = 'en'
    // The moment the interface is English, so is the title.
    await expect.poll(() => document.documentElement.lang, { timeout: 5000 }).toBe('en')
    await flushPromises()
    expect(document.title).toBe('Step-by-step guides — Tandem')
    usePreferencesStore().locale = 'ar'
    await expect.poll(() => document.documentElement.lang, { timeout: 5000 }).toBe('ar')
    await flushPromises()
    expect(document.title).toBe('مسارات إرشادية — تاندم')
  })
})

describe('main navigation', () => {
  it('keeps up to four destinations in the phone bar, the others behind « Plus », none lost', () => {
    const names = (list: { name: string }[]) => list.map((l) => l.name)
    const agent = ['home', 'scenarios', 'accompaniment-new', 'journal', 'stats', 'settings'].map((name) => ({ name }))
    const split = splitNavigation(agent)
    expect(names(split.main)).toEqual(['scenarios', 'accompaniment-new', 'journal'])
    expect(names(split.more)).toEqual(['home', 'stats', 'settings'])
    const citizen = ['home', 'scenarios', 'settings'].map((name) => ({ name }))
    expect(splitNavigation(citizen)).toEqual({ main: citizen, more: [] })
  })

  it('is a real nav; « Plus » is a disclosure button that opens, closes with Escape and marks the page', async () => {
    setMode('agent')
    // A phone: the stylesheet's and the header's media query match.
    const realMatchMedia = window.matchMedia
    window.matchMedia = ((query: string) => ({ ...realMatchMedia.call(window, query), matches: query.includes('max-width: 47.999rem'), addEventListener: () => {}, removeEventListener: () => {} })) as typeof window.matchMedia
    restore = () => (window.matchMedia = realMatchMedia)
    const { wrapper, router } = await mountWithApp(App, { path: '/', attachTo: document.body })
    unmount = () => wrapper.unmount()
    await settle()
    const nav = wrapper.get('nav[data-testid=main-nav]')
    expect(nav.attributes('aria-label')).toBe('Navigation principale')
    const more = nav.get('button[data-testid=nav-more]')
    expect(more.text()).toBe('Plus')
    expect(more.attributes('aria-expanded')).toBe('false')
    const panel = nav.get(`#${more.attributes('aria-controls')}`)
    expect(panel.classes()).not.toContain('open')
    // Every destination of the mode is a link of the one navigation: three in the bar, the rest behind « Plus ».
    const expected = router.getRoutes().filter((r) => r.meta.nav && (!r.meta.nav.modes || r.meta.nav.modes.includes('agent'))).map((r) => r.path)
    const hrefs = nav.findAll('a').map((a) => a.attributes('href'))
    expect([...hrefs].sort()).toEqual([...expected].sort())
    expect(nav.findAll('.app-nav__list > li > a')).toHaveLength(3)
    expect(panel.findAll('a').map((a) => a.attributes('href'))).toContain('/')
    // The bar's short label is for the eye; the full one names the link.
    const log = nav.get('a[href="/accompaniments/new"]')
    expect(log.get('.app-nav__label--long').text()).toBe('Noter un accompagnement')
    expect(log.get('.app-nav__label--short').attributes('aria-hidden')).toBe('true')
    expect(log.get('.app-nav__label--short').text()).toBe('Noter')

    await more.trigger('click')
    expect(more.attributes('aria-expanded')).toBe('true')
    expect(panel.classes()).toContain('open')
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await settle()
    expect(more.attributes('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(more.element)

    await router.push('/stats')
    await settle()
    expect(nav.get('a[href="/stats"]').attributes('aria-current')).toBe('page')
    // The page is behind « Plus »: the button shows it.
    expect(more.classes()).toContain('current')
  })

  it('shows no header, menu or banner on the projector', async () => {
    setMode('workshop')
    const { wrapper } = await mountWithApp(App, { path: '/workshops/nothing/project', attachTo: document.body })
    unmount = () => wrapper.unmount()
    await settle()
    expect(wrapper.find('header.app-header').exists()).toBe(false)
    expect(wrapper.find('nav').exists()).toBe(false)
    expect(wrapper.find('.update-banner').exists()).toBe(false)
    expect(wrapper.find('.skip-link').exists()).toBe(false)
  })
})
