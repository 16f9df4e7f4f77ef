// Routes of the settings feature; the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./SettingsView.vue'),
    meta: { titleKey: 'settings.title', nav: { labelKey: 'nav.settings', order: 100 } },
  },
]
