// The app's routes: the home screen is eager; every feature screen is its own lazy chunk.
import { defineAsyncComponent } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './HomeView.vue'
import { routes as scenarioRoutes } from '@/features/scenarios/routes'
import { routes as accompanimentRoutes } from '@/features/accompaniments/routes'
import { routes as journalRoutes } from '@/features/journal/routes'
import { routes as workshopRoutes } from '@/features/workshops/routes'
import { routes as statsRoutes } from '@/features/stats/routes'
import { routes as placesRoutes } from '@/features/places/routes'
import { routes as settingsRoutes } from '@/features/settings/routes'
import { routes as consoleRoutes } from '@/features/console/routes'
import type { Mode } from '@/features/settings/preferences'
import type { SettingsSection } from '@/features/settings/sections'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title and main heading). */
    titleKey?: string
    /** Shown in the main navigation, in these modes (all modes when omitted), in this order. */
    nav?: { labelKey: string; order: number; modes?: Mode[]; shortLabelKey?: string }
    /** A presentation screen (the projector and its notes): no header, menu or banner. */
    presentation?: boolean
  }
}

/** What other features add to Settings: the app composes them, so Settings knows none of them. */
export const settingsSections: SettingsSection[] = [
  { id: 'sync', component: defineAsyncComponent(() => import('./SyncSection.vue')), modes: ['agent', 'workshop'] },
  { id: 'activity', component: defineAsyncComponent(() => import('@/features/journal/ActivitySettingsForm.vue')), modes: ['agent', 'workshop'] },
  { id: 'places', component: defineAsyncComponent(() => import('@/features/places/PlacesImportSection.vue')) },
]

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { titleKey: 'home.title', nav: { labelKey: 'nav.home', order: 0 } } },
  ...scenarioRoutes,
  ...accompanimentRoutes,
  ...journalRoutes,
  ...workshopRoutes,
  ...statsRoutes,
  ...consoleRoutes,
  ...placesRoutes,
  ...settingsRoutes.map((route): RouteRecordRaw => (route.name === 'settings' ? ({ ...route, props: { sections: settingsSections } } as RouteRecordRaw) : route)),
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue'), meta: { titleKey: 'notFound.title' } },
]

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
