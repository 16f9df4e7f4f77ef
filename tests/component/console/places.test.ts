// The console's « Annuaire des lieux » page against a fake server: the départements checked
// before anything is sent, the file posted as it is with the console header, the report in
// words with its tables and « et N autres », an unreadable file and a too large one explained.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n, setLocale } from '@/ui/i18n'
import { routes } from '@/features/console/routes'
import type { PlacesUploadReport } from '@/features/console/types'
import { settle, until } from '../harness'

type Answer = { status: number; body: unknown }
let handlers: Record<string, (init: RequestInit & { url: string }) => Answer>
let calls: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }>

function fakeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = String(input)
  const method = init.method ?? 'GET'
  const headers = (init.headers ?? {}) as Record<string, string>
  calls.push({ method, url, headers, body: init.body })
  const handler = handlers[`${method} ${url.split('?')[0]}`]
  const answer = handler ? handler({ ...init, url }) : { status: 404, body: { error: 'not_found', message: 'Cette page n’existe pas.' } }
  return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }))
}

const SESSION = { user: { id: 'U1', displayName: 'Marie', email: 'marie@example.org' }, structure: { id: 'S1', name: 'Médiathèque d’Aubenas' } }
const base = '/api/console/structures/S1'

async function mountPlaces(): Promise<VueWrapper> {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => h('p', 'home') } }, ...routes] })
  const pinia = createPinia()
  setActivePinia(pinia)
  await router.push('/console/places')
  await router.isReady()
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, pinia, i18n] }, attachTo: document.body })
  await settle()
  await until(() => wrapper.find('[data-testid="console-places-summary"]').exists())
  return wrapper
}

function chooseFile(wrapper: VueWrapper, file: File): void {
  Object.defineProperty(wrapper.find('[data-testid="console-places-file"]').element, 'files', { value: [file], configurable: true })
}

function report(overrides: Partial<PlacesUploadReport> = {}): PlacesUploadReport {
  return {
    format: 'v1',
    rowsRead: 230,
    kept: 110,
    outsideDepartements: 5,
    departements: ['07', '26'],
    rejected: Array.from({ length: 100 }, (_, i) => ({ row: i + 1, name: i === 0 ? 'Médiathèque' : null, reasons: [{ field: 'adresse', value: '', reason: 'missing_field' }] })),
    rejectedCount: 115,
    dropped: [{ row: 120, field: 'telephone', value: 'pas de numéro', reason: 'invalid_phone' }],
    droppedCount: 1,
    keptAsText: [{ row: 121, field: 'horaires', value: 'le matin', reason: 'hours_not_understood' }],
    keptAsTextCount: 1,
    added: 100,
    updated: 4,
    unchanged: 6,
    removed: 2,
    ...overrides,
  }
}

beforeEach(() => {
  calls = []
  handlers = {
    'GET /api/console/session': () => ({ status: 200, body: SESSION }),
    [`GET ${base}/places`]: () => ({ status: 200, body: { departements: null, places: 0 } }),
  }
  vi.stubGlobal('fetch', fakeFetch)
})
afterEach(async () => {
  await setLocale('fr')
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('console › Annuaire des lieux', () => {
  it('refuses a wrong département code without calling the server, then saves the list', async () => {
    handlers[`PUT ${base}/places/departements`] = (init) => ({ status: 200, body: { departements: (JSON.parse(String(init.body)) as { departements: string[] }).departements, places: 0 } })
    const wrapper = await mountPlaces()
    expect(wrapper.find('[data-testid="console-places-summary"]').text()).toContain('0 lieux dans l’annuaire de la structure. Aucun département choisi')
    await wrapper.find('[data-testid="places-departements"]').setValue('07, 20')
    await wrapper.find('[data-testid="places-departements-save"]').trigger('submit')
    await settle()
    expect(wrapper.find('[role="alert"]').text()).toBe('« 20 » n’est pas un code de département (01 à 95, 2A, 2B, 971 à 976).')
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([])

    await wrapper.find('[data-testid="places-departements"]').setValue('26 7;2a')
    await wrapper.find('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="places-departements-saved"]').exists())
    const put = calls.find((c) => c.method === 'PUT')!
    expect(JSON.parse(String(put.body))).toEqual({ departements: ['07', '2A', '26'] })
    expect(put.headers['x-tandem-console']).toBe('1')
    expect((wrapper.find('[data-testid="places-departements"]').element as HTMLInputElement).value).toBe('07, 2A, 26')
    expect(wrapper.find('[data-testid="console-places-summary"]').text()).toContain('Départements gardés : 07, 2A, 26.')
  })

  it('posts the file as it is and shows the report in words, its tables and how many more rows', async () => {
    handlers[`POST ${base}/places`] = () => ({ status: 200, body: report() })
    const wrapper = await mountPlaces()
    await wrapper.find('[data-testid="console-places-upload"]').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="console-places-error"]').text()).toBe('Choisissez d’abord un fichier.')
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])

    const file = new File(['nom,adresse\n'], 'lieux-ardeche.csv', { type: 'text/csv' })
    chooseFile(wrapper, file)
    await wrapper.find('[data-testid="console-places-replace"]').setValue(true)
    handlers[`GET ${base}/places`] = () => ({ status: 200, body: { departements: ['07', '26'], places: 108 } })
    await wrapper.find('[data-testid="console-places-upload"]').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-places-report"]').exists())
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.url).toBe(`${base}/places?kind=csv&replace=1`)
    expect(post.body).toBe(file)
    expect(post.headers).toMatchObject({ 'x-tandem-console': '1', 'content-type': 'application/octet-stream' })

    const text = wrapper.find('[data-testid="console-places-report"]').text()
    expect(text).toContain('230 lignes lues : 110 lieux gardés, 115 lignes refusées.')
    expect(text).toContain('100 ajoutés, 4 mis à jour, 6 inchangés, 2 retirés.')
    expect(text).toContain('5 lignes hors des départements choisis (07, 26) n’ont pas été importées.')
    expect(text).toContain('2 valeurs non reprises telles quelles')
    const rejected = wrapper.findAll('[data-testid="console-places-rejected"] tbody tr')
    expect(rejected).toHaveLength(100)
    expect(rejected[0]!.text()).toContain('Médiathèque')
    expect(rejected[0]!.text()).toContain('adresse : champ obligatoire vide')
    expect(text).toContain('… et 15 autres, non affichées.')
    const values = wrapper.findAll('[data-testid="console-places-values"] tbody tr').map((row) => row.findAll('td').map((td) => td.text()))
    expect(values).toEqual([
      ['120', 'telephone', 'pas de numéro', 'non reprise', 'numéro de téléphone invalide'],
      ['121', 'horaires', 'le matin', 'gardée telle quelle', 'horaires au format inconnu, affichés tels quels'],
    ])
    expect(wrapper.find('[data-testid="console-places-summary"]').text()).toContain('108 lieux')
  })

  it('explains an unreadable file and a too large one, in the interface language', async () => {
    let answer: Answer = { status: 400, body: { error: 'places_file_unreadable', message: 'Ce fichier CSV est illisible : rien n’a été importé.', reason: 'invalid_csv' } }
    handlers[`POST ${base}/places`] = () => answer
    const wrapper = await mountPlaces()
    chooseFile(wrapper, new File(['%PDF'], 'scan.pdf'))
    await wrapper.find('[data-testid="console-places-upload"]').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-places-error"]').exists())
    expect(calls.find((c) => c.method === "POST")!.url).toBe(`${base}/places`)
    expect(wrapper.find('[data-testid="console-places-error"]').text()).toBe('Ce fichier CSV est illisible. Rien n’a été importé.')
    expect(wrapper.find('[data-testid="console-places-report"]').exists()).toBe(false)

    await setLocale('en')
    answer = { status: 413, body: { error: 'file_too_large', message: 'Ce fichier dépasse 12 Mo.' } }
    chooseFile(wrapper, new File(['x'], 'france.json'))
    await wrapper.find('[data-testid="console-places-upload"]').trigger('submit')
    await until(() => wrapper.find('[data-testid="console-places-error"]').exists() && wrapper.find('[data-testid="console-places-error"]').text().includes('MB'))
    expect(wrapper.find('[data-testid="console-places-error"]').text()).toBe('This file is too large (12 MB at most): nothing was imported.')
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.url).toBe(`${base}/places?kind=json`)
  })
})
