// Routes of the journal (« Mon journal »); the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/journal',
    name: 'journal',
    component: () => import('./JournalView.vue'),
    meta: { titleKey: 'journal.title', nav: { labelKey: 'journal.nav', order: 30, modes: ['agent', 'workshop'] } },
  },
]
