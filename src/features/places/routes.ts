// Routes of the places directory; the app router collects every feature's list.
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    // Query: q=<commune or postcode>, return=<path of a form choosing a place>, mode=self (citizen).
    path: '/places',
    name: 'places',
    component: () => import('./PlacesView.vue'),
    meta: { titleKey: 'places.title', nav: { labelKey: 'places.nav', order: 35, modes: ['agent', 'citizen'] } },
  },
  {
    path: '/places/:id',
    name: 'place-detail',
    component: () => import('./PlaceDetailView.vue'),
    meta: { titleKey: 'places.detail.title' },
  },
  {
    path: '/places/:id/slip',
    name: 'place-slip',
    component: () => import('./PlaceSlipView.vue'),
    meta: { titleKey: 'places.slip.title' },
  },
]
