import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import HomeView from '@/app/HomeView.vue'
import UpdateBanner from '@/app/UpdateBanner.vue'
import ConnectivityIndicator from '@/app/ConnectivityIndicator.vue'
import { usePreferencesStore } from '@/features/settings/preferences'
import { useConnectivityStore } from '@/app/connectivity'
import { connectServiceWorker, needRefresh, updating } from '@/app/pwa'
import { registerUnsavedInput } from '@/lib/unsaved'
import { mountWithApp } from '../../support/mount'

beforeEach(() => localStorage.clear())

describe('home screen', () => {
  it('offers the three ways in and remembers the one chosen', async () => {
    const { wrapper } = await mountWithApp(HomeView)
    const buttons = wrapper.findAll('button.mode')
    expect(buttons.map((b) => b.find('.title').text())).toEqual(['Accompagner', 'Animer un atelier', 'Je me débrouille seul·e'])
    await wrapper.get('[data-testid="mode-citizen"]').trigger('click')
    await flushPromises()
    expect(usePreferencesStore().mode).toBe('citizen')
    expect(JSON.parse(localStorage.getItem('tandem.preferences') ?? '{}').mode).toBe('citizen')
    expect(wrapper.get('[data-testid="mode-citizen"]').attributes('aria-pressed')).toBe('true')
  })
})

describe('connectivity indicator', () => {
  it('says offline in words when a request fails, and online again when one succeeds', async () => {
    const { wrapper } = await mountWithApp(ConnectivityIndicator)
    expect(wrapper.text()).toContain('En ligne')
    const connectivity = useConnectivityStore()
    connectivity.reportRequestFailure()
    await flushPromises()
    expect(wrapper.text()).toContain('Hors ligne')
    expect(wrapper.attributes('data-state')).toBe('offline')
    connectivity.reportRequestSuccess()
    await flushPromises()
    expect(wrapper.text()).toContain('En ligne')
  })

  it('follows the browser offline event', async () => {
    const { wrapper } = await mountWithApp(ConnectivityIndicator)
    window.dispatchEvent(new Event('offline'))
    await flushPromises()
    expect(wrapper.text()).toContain('Hors ligne')
    window.dispatchEvent(new Event('online'))
    await flushPromises()
    expect(wrapper.text()).toContain('En ligne')
  })
})

describe('update banner', () => {
  let activate: ReturnType<typeof vi.fn>
  beforeEach(() => {
    activate = vi.fn(async () => undefined)
    connectServiceWorker(((options: { onNeedRefresh?: () => void }) => {
      options.onNeedRefresh?.()
      return activate
    }) as never)
  })
  afterEach(() => {
    needRefresh.value = false
    updating.value = false
  })

  it('appears when a new version waits, and never activates it by itself', async () => {
    const { wrapper } = await mountWithApp(UpdateBanner)
    expect(wrapper.get('[data-testid="update-banner"]').text()).toContain('Une nouvelle version de Tandem est prête.')
    expect(activate).not.toHaveBeenCalled()
  })

  it('saves unsaved input before activating the new version', async () => {
    const order: string[] = []
    const unregister = registerUnsavedInput({ hasUnsaved: () => true, flush: async () => { order.push('flush') } })
    activate.mockImplementation(async () => { order.push('activate') })
    const { wrapper } = await mountWithApp(UpdateBanner)
    await wrapper.get('button.btn--primary').trigger('click')
    await flushPromises()
    expect(order).toEqual(['flush', 'activate'])
    expect(activate).toHaveBeenCalledWith(true)
    unregister()
  })

  it('stays on this version and says so when the input cannot be saved', async () => {
    const unregister = registerUnsavedInput({ hasUnsaved: () => true, flush: () => Promise.reject(new Error('full')) })
    const { wrapper } = await mountWithApp(UpdateBanner)
    await wrapper.get('button.btn--primary').trigger('click')
    await flushPromises()
    expect(activate).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('La mise à jour n’a pas pu enregistrer votre saisie.')
    unregister()
  })
})

describe('connectivity check on reconnection', () => {
  afterEach(() => vi.unstubAllGlobals())

  async function reconnectWith(mode: 'agent' | 'citizen') {
    localStorage.setItem('tandem.preferences', JSON.stringify({ mode, locale: 'fr', textSize: 'normal', highContrast: false }))
    const fetchMock = vi.fn(async () => { throw new TypeError('Failed to fetch') })
    vi.stubGlobal('fetch', fetchMock)
    const { default: App } = await import('@/app/App.vue')
    const { wrapper } = await mountWithApp(App)
    vi.useFakeTimers()
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(1000)
    // Still settling: nothing sent yet.
    const sentEarly = fetchMock.mock.calls.length
    await vi.advanceTimersByTimeAsync(1000)
    vi.useRealTimers()
    await flushPromises()
    return { wrapper, fetchMock, sentEarly }
  }

  it('asks the server when the browser says it is back, and shows offline when it does not answer', async () => {
    const { wrapper, fetchMock, sentEarly } = await reconnectWith('agent')
    expect(sentEarly).toBe(0)
    expect(fetchMock).toHaveBeenCalledWith('/api/health', expect.anything())
    expect(wrapper.get('.connectivity').text()).toContain('Hors ligne')
    wrapper.unmount()
  })

  it('sends nothing at all in citizen mode', async () => {
    const { wrapper, fetchMock } = await reconnectWith('citizen')
    expect(fetchMock).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
