// Routes of the accompaniments feature; the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    // Query: scenarios=<id>[,<id>] (from the end of a scenario), followUpOf=<id>, draft=<id>, duplicate=<id>.
    path: '/accompaniments/new',
    name: 'accompaniment-new',
    component: () => import('./AccompanimentFormView.vue'),
    meta: { titleKey: 'accompaniments.form.newTitle', nav: { labelKey: 'accompaniments.nav.new', shortLabelKey: 'accompaniments.nav.newShort', order: 20, modes: ['agent'] } },
  },
  {
    // The quick log (home screen in agent mode, journal): the same form, the common fields first.
    path: '/accompaniments/quick',
    name: 'accompaniment-quick',
    component: () => import('./AccompanimentFormView.vue'),
    meta: { titleKey: 'accompaniments.quick.title' },
  },
  {
    path: '/accompaniments/:id',
    name: 'accompaniment-detail',
    component: () => import('./AccompanimentDetailView.vue'),
    meta: { titleKey: 'accompaniments.detail.title' },
  },
  {
    path: '/accompaniments/:id/edit',
    name: 'accompaniment-edit',
    component: () => import('./AccompanimentFormView.vue'),
    meta: { titleKey: 'accompaniments.form.editTitle' },
  },
]
