// Routes of the coordinator's console. Online only: the shell (ConsoleShell.vue) is small and
// precached so it can say, offline, that the console needs a connection; every page behind it
// is a lazy chunk that the service worker does not precache (vite.config.ts).
import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/console',
    component: () => import('./ConsoleShell.vue'),
    meta: { titleKey: 'console.title' },
    children: [
      { path: '', name: 'console', component: () => import('./PeopleView.vue'), meta: { titleKey: 'console.title' } },
      { path: 'report', name: 'console-report', component: () => import('./ReportView.vue'), meta: { titleKey: 'console.report.title' } },
      { path: 'settings', name: 'console-settings', component: () => import('./StructureSettingsView.vue'), meta: { titleKey: 'console.settings.title' } },
      { path: 'places', name: 'console-places', component: () => import('./PlacesView.vue'), meta: { titleKey: 'console.places.title' } },
      { path: 'audit', name: 'console-audit', component: () => import('./AuditView.vue'), meta: { titleKey: 'console.audit.title' } },
      { path: 'account', name: 'console-account', component: () => import('./AccountView.vue'), meta: { titleKey: 'console.account.title' } },
    ],
  },
]
