// The console's screens against a fake server: offline they say they need a connection; the
// sign-in shows the server's refusals (the lock with its minutes); people, the code card with
// its QR code and expiry, the report with its data tables and by person, the settings.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/ui/i18n'
import { routes } from '@/features/console/routes'
import { settle, until } from '../harness'
import { emptyTrend, statsFromDays } from '@/lib/activityStats'

type Handler = (init: RequestInit & { url: string }) => { status: number; body: unknown; headers?: Record<string, string> }
let handlers: Record<string, Handler>
let calls: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }>

function fakeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = String(input)
  const method = init.method ?? 'GET'
  const headers = (init.headers ?? {}) as Record<string, string>
  calls.push({ method, url, headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined })
  const key = `${method} ${url.split('?')[0]}`
  const handler = handlers[key]
  const answer = handler ? handler({ ...init, url }) : { status: 404, body: { error: 'not_found', message: 'Cette page n’existe pas.' } }
  const body = answer.body instanceof Blob ? answer.body : JSON.stringify(answer.body)
  return Promise.resolve(new Response(body, { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } }))
}

const SESSION = { user: { id: 'U1', displayName: 'Marie', email: 'marie@example.org' }, structure: { id: 'S1', name: 'Médiathèque d’Aubenas' } }
const base = '/api/console/structures/S1'

async function mountAt(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => h('p', 'home') } }, { path: '/settings', name: 'settings', component: { render: () => h('p') } }, ...routes] })
  const pinia = createPinia()
  setActivePinia(pinia)
  await router.push(path)
  await router.isReady()
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, pinia, i18n] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  calls = []
  handlers = { 'GET /api/console/session': () => ({ status: 200, body: SESSION }) }
  vi.stubGlobal('fetch', fakeFetch)
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('console screens', () => {
  it('says plainly that it needs a connection when offline, and calls nothing', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const { wrapper } = await mountAt('/console')
    expect(wrapper.find('[data-testid="console-offline"]').text()).toContain('La console a besoin d’une connexion à internet.')
    expect(calls).toEqual([])
    online.mockRestore()
  })

  it('signs in, shows a wrong password and the lock with its minutes, every call with the console header', async () => {
    handlers['GET /api/console/session'] = () => ({ status: 401, body: { error: 'signed_out', message: '…' } })
    let attempts = 0
    handlers['POST /api/console/sign-in'] = () => {
      attempts++
      if (attempts === 1) return { status: 401, body: { error: 'wrong_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' } }
      if (attempts === 2) return { status: 429, body: { error: 'too_many_attempts', message: 'Trop d’essais, réessayez dans 14 minutes.', retryAfterSeconds: 837 } }
      return { status: 200, body: SESSION }
    }
    handlers[`GET ${base}/people`] = () => ({ status: 200, body: { people: [] } })
    const { wrapper } = await mountAt('/console')
    await until(() => wrapper.find('[data-testid="console-email"]').exists())
    await wrapper.find('[data-testid="console-email"]').setValue('marie@example.org')
    await wrapper.find('[data-testid="console-password"]').setValue('mauvais')
    await wrapper.find('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-error"]').exists())
    expect(wrapper.find('[data-testid="console-error"]').text()).toBe('Adresse e-mail ou mot de passe incorrect.')
    await wrapper.find('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-error"]').exists() && wrapper.find('[data-testid="console-error"]').text().includes('14'))
    expect(wrapper.find('[data-testid="console-error"]').text()).toBe('Trop d’essais, réessayez dans 14 minutes.')
    await wrapper.find('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-structure"]').exists())
    expect(wrapper.find('[data-testid="console-structure"]').text()).toContain('Médiathèque d’Aubenas')
    expect(calls.every((c) => c.headers['x-tandem-console'] === '1')).toBe(true)
    // The password is sent to the server and kept nowhere else on the page.
    expect(document.body.innerHTML).not.toContain('mauvais')
  })

  it('exchanges a code for a password on a first visit, refusing two different passwords', async () => {
    handlers['GET /api/console/session'] = () => ({ status: 401, body: { error: 'signed_out', message: '…' } })
    handlers['POST /api/console/activate'] = () => ({ status: 200, body: SESSION })
    handlers[`GET ${base}/people`] = () => ({ status: 200, body: { people: [] } })
    const { wrapper } = await mountAt('/console?code=ABCD-EFGH-JKMN')
    await until(() => wrapper.find('[data-testid="console-code"]').exists())
    expect((wrapper.find('[data-testid="console-code"]').element as HTMLInputElement).value).toBe('ABCD-EFGH-JKMN')
    await wrapper.find('[data-testid="console-email"]').setValue('marie@example.org')
    await wrapper.find('[data-testid="console-password"]').setValue('une phrase assez longue')
    await wrapper.find('[data-testid="console-confirm"]').setValue('une autre phrase')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="console-error"]').text()).toBe('Les deux mots de passe ne sont pas identiques.')
    expect(calls.some((c) => c.url === '/api/console/activate')).toBe(false)
    await wrapper.find('[data-testid="console-confirm"]').setValue('une phrase assez longue')
    await wrapper.find('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-structure"]').exists())
    expect(calls.find((c) => c.url === '/api/console/activate')?.body).toEqual({ code: 'ABCD-EFGH-JKMN', email: 'marie@example.org', password: 'une phrase assez longue' })
  })

  it('lists people with their devices and shows a new person’s code as text and QR code, with its expiry', async () => {
    const people = [
      {
        userId: 'U2', displayName: 'Awa Diallo', role: 'agent', email: null, active: true, canSignIn: false, recordsLast30Days: 12, pendingCodeExpiresAt: null,
        devices: [
          { deviceId: 'D1', name: 'Tablette accueil', enrolledAt: '2026-10-01T08:00:00.000Z', lastSyncAt: new Date().toISOString(), revokedAt: null },
          { deviceId: 'D2', name: 'Vieille tablette', enrolledAt: '2026-01-01T08:00:00.000Z', lastSyncAt: '2026-02-01T08:00:00.000Z', revokedAt: null },
        ],
      },
    ]
    handlers[`GET ${base}/people`] = () => ({ status: 200, body: { people } })
    handlers[`POST ${base}/people`] = () => ({ status: 200, body: { userId: 'U3', displayName: 'Noé', role: 'agent', code: 'K7M2-Q9PX-4RTA', expiresAt: '2026-12-03T10:00:00.000Z' } })
    handlers[`POST ${base}/devices/D2/revoke`] = () => ({ status: 200, body: { alreadyRevoked: false } })
    const { wrapper } = await mountAt('/console')
    await until(() => wrapper.find('[data-testid="people-table"]').exists())
    const row = wrapper.find('[data-testid="person-U2"]').text()
    expect(row).toContain('Awa Diallo')
    expect(row).toContain('Tablette accueil')
    expect(row).toContain('Rien depuis 3 semaines')
    expect(row).toContain('12')

    await wrapper.find('.people__add form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('Indiquez le nom de la personne.')
    await wrapper.find('[data-testid="person-name"]').setValue('Noé')
    await wrapper.find('.people__add form').trigger('submit')
    await until(() => wrapper.find('[data-testid="code-card"]').exists())
    expect(wrapper.find('[data-testid="code-text"]').text()).toBe('K7M2-Q9PX-4RTA')
    expect(wrapper.find('[data-qr-text]').attributes('data-qr-text')).toMatch(/\/settings\?enrol=K7M2-Q9PX-4RTA$/)
    expect(wrapper.find('[data-testid="code-expiry"]').text()).toMatch(/2026/)
    expect(calls.find((c) => c.method === 'POST' && c.url === `${base}/people`)?.body).toEqual({ name: 'Noé', role: 'agent' })

    window.confirm = vi.fn(() => true)
    await wrapper.find('[data-testid="revoke-D2"]').trigger('click')
    await until(() => calls.some((c) => c.url === `${base}/devices/D2/revoke`))
  })

  it('shows the report with totals, charts that have their data tables, and figures by person', async () => {
    const stats = statsFromDays([{ date: '2026-03-02', counts: { 'act:individuel': 3, 'ppl:individuel': 3, 'min:individuel': 90, 'th:email': 2, 'age:non_communique': 3, 'out:resolu': 3, 'ref:unanswered': 3 } }], { from: '2026-01-01', to: '2026-12-31', granularity: 'month' })
    expect(stats.trend).toHaveLength(emptyTrend('2026-01-01', '2026-12-31', 'month').length)
    handlers[`GET ${base}/report`] = () => ({
      status: 200,
      body: { query: { from: '2026-01-01', to: '2026-12-01' }, granularity: 'month', stats, byPerson: [{ userId: 'U2', displayName: 'Awa Diallo', role: 'agent', activities: 3, individuel: 3, collectif: 0, people: 3, minutes: 90 }], filters: { people: [{ userId: 'U2', displayName: 'Awa Diallo', role: 'agent' }], places: ['Mairie de Vals'] } },
    })
    const { wrapper } = await mountAt('/console/report')
    await until(() => wrapper.find('[data-testid="report-totals"]').exists())
    expect(wrapper.find('[data-testid="report-activities"]').text()).toBe('3')
    expect(wrapper.findAll('figure table').length).toBeGreaterThanOrEqual(5)
    expect(wrapper.find('[data-testid="report-by-person"]').text()).toContain('Awa Diallo')
    expect(wrapper.text()).toContain('1 h 30')
    expect(wrapper.find('#report-place').text()).toContain('Mairie de Vals')
    expect(calls.find((c) => c.url.startsWith(`${base}/report`))?.url).toMatch(/from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}$/)
  })

  it('saves the structure settings and refuses a retention out of range without calling the server', async () => {
    handlers[`GET ${base}/settings`] = () => ({ status: 200, body: { name: 'Médiathèque d’Aubenas', structureType: null, commune: 'Aubenas', communePostcode: '07200', retentionMonths: 24 } })
    handlers[`PUT ${base}/settings`] = (init) => ({ status: 200, body: JSON.parse(String(init.body)) })
    const { wrapper } = await mountAt('/console/settings')
    await until(() => wrapper.find('[data-testid="structure-retention"]').exists())
    await wrapper.find('[data-testid="structure-retention"]').setValue('0')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('La durée de conservation va de 1 à 120 mois.')
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
    await wrapper.find('[data-testid="structure-retention"]').setValue('12')
    await wrapper.find('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="structure-saved"]').exists())
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ name: 'Médiathèque d’Aubenas', structureType: null, commune: 'Aubenas', communePostcode: '07200', retentionMonths: 12 })
  })
})
