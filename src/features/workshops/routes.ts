// Routes of the workshops feature; the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/workshops',
    name: 'workshops',
    component: () => import('./WorkshopsView.vue'),
    meta: { titleKey: 'workshops.list.title', nav: { labelKey: 'workshops.nav.list', order: 20, modes: ['workshop'] } },
  },
  {
    path: '/workshops/new',
    name: 'workshop-new',
    component: () => import('./WorkshopFormView.vue'),
    meta: { titleKey: 'workshops.form.planTitle' },
  },
  {
    path: '/workshops/:id',
    name: 'workshop-detail',
    component: () => import('./WorkshopDetailView.vue'),
    meta: { titleKey: 'workshops.detail.title' },
  },
  {
    // Query: log=1 to log the held workshop, draft=<id> to resume a draft.
    path: '/workshops/:id/edit',
    name: 'workshop-edit',
    component: () => import('./WorkshopFormView.vue'),
    meta: { titleKey: 'workshops.form.logTitle' },
  },
  {
    path: '/workshops/:id/project',
    name: 'workshop-projector',
    component: () => import('./ProjectorView.vue'),
    meta: { titleKey: 'workshops.projector.title', presentation: true },
  },
  {
    // The facilitator's notes window, opened from the projector; follows it (presenterChannel.ts).
    path: '/workshops/:id/notes',
    name: 'workshop-projector-notes',
    component: () => import('./ProjectorNotesView.vue'),
    meta: { titleKey: 'workshops.projector.notesTitle', presentation: true },
  },
]
