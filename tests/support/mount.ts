// Mounting helper for component tests: a fresh Pinia, the real i18n (French) and a memory router.
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import type { Component } from 'vue'
import { i18n } from '@/ui/i18n'
import { routes as appRoutes } from '@/app/router'

export async function mountWithApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { path?: string; routes?: RouteRecordRaw[] } = {},
) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: options.routes ?? appRoutes })
  await router.push(options.path ?? '/')
  await router.isReady()
  const wrapper = mount(component, {
    ...options,
    global: { ...(options.global ?? {}), plugins: [pinia, i18n, router, ...(options.global?.plugins ?? [])] },
  } as ComponentMountingOptions<C>)
  return { wrapper, router, pinia }
}
