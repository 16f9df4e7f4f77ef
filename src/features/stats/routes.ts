// Routes of the stats feature; the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/stats',
    name: 'stats',
    component: () => import('./StatsView.vue'),
    meta: { titleKey: 'stats.title', nav: { labelKey: 'stats.nav', order: 40, modes: ['agent', 'workshop'] } },
  },
  {
    path: '/stats/summary/:month',
    name: 'monthly-summary',
    component: () => import('./MonthlySummaryView.vue'),
    meta: { titleKey: 'stats.summary.heading' },
  },
]
