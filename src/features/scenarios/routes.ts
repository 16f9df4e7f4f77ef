// Routes of the scenarios feature; the app router collects every feature's list.
// Every screen is its own lazy chunk: nothing of this feature loads with the home screen.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/scenarios',
    name: 'scenarios',
    component: () => import('./CatalogueView.vue'),
    meta: { titleKey: 'scenarios.catalogue.title', nav: { labelKey: 'scenarios.nav', order: 10 } },
  },
  {
    path: '/scenarios/:id/:stepId?',
    name: 'scenario',
    component: () => import('./PlayerView.vue'),
    meta: { titleKey: 'scenarios.player.title' },
  },
  {
    path: '/fiches/:id',
    name: 'scenario-memo',
    component: () => import('./MemoView.vue'),
    meta: { titleKey: 'scenarios.memo.title' },
  },
]
