// Routes of the sessions feature; the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/logs',
    name: 'activity-log',
    component: () => import('./ActivityListView.vue'),
    meta: { titleKey: 'sessions.list.title', nav: { labelKey: 'sessions.nav.list', order: 30, modes: ['agent', 'workshop'] } },
  },
  {
    // Query: scenarios=<id>[,<id>]&minutes=<n> (from the end of a scenario), draft=<id>, duplicate=<id>.
    path: '/logs/new',
    name: 'session-new',
    component: () => import('./SessionLogView.vue'),
    meta: { titleKey: 'sessions.form.newTitle', nav: { labelKey: 'sessions.nav.new', order: 20, modes: ['agent'] } },
  },
  {
    path: '/logs/accompaniment/:id',
    name: 'session-detail',
    component: () => import('./SessionDetailView.vue'),
    meta: { titleKey: 'sessions.detail.title' },
  },
  {
    path: '/logs/accompaniment/:id/edit',
    name: 'session-edit',
    component: () => import('./SessionLogView.vue'),
    meta: { titleKey: 'sessions.form.editTitle' },
  },
]
