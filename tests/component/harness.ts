// Mounts a feature screen with a memory router holding the activity routes, Pinia, the app's
// i18n (French) and a fresh fake-indexeddb database.
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type RouteLocationRaw } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/ui/i18n'
import { TandemDatabase, useDatabase } from '@/db/database'
import { routes as accompanimentRoutes } from '@/features/accompaniments/routes'
import { routes as journalRoutes } from '@/features/journal/routes'
import { routes as workshopRoutes } from '@/features/workshops/routes'
import { routes as statsRoutes } from '@/features/stats/routes'

export async function freshDatabase(): Promise<TandemDatabase> {
  const database = new TandemDatabase(`test-component-${Math.random()}`)
  useDatabase(database)
  await database.open()
  return database
}

export async function mountAt(to: RouteLocationRaw) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', name: 'home', component: { render: () => h('p', 'home') } }, ...accompanimentRoutes, ...journalRoutes, ...workshopRoutes, ...statsRoutes],
  })
  const pinia = createPinia()
  setActivePinia(pinia)
  await router.push(to)
  await router.isReady()
  const App = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(App, { global: { plugins: [router, pinia, i18n] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

/** Lets IndexedDB, lazy routes and Vue finish what they started. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Waits until `check` holds (lazy route chunks take a while on first load). */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await settle(1)
  }
}
