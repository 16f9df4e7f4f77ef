// Boot: apply stored display preferences before the first render, then mount the shell.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './app/App.vue'
import { createAppRouter } from '@/app/router'
import { i18n, setLocale, waitForMessagesOnNavigation } from '@/ui/i18n'
import { readStoredPreferences } from '@/features/settings/preferences'
import { registerServiceWorker } from '@/app/pwa'
import './ui/styles.css'

async function boot(): Promise<void> {
  const preferences = readStoredPreferences()
  // Before mounting, so an Arabic visitor never sees a left-to-right flash.
  await setLocale(preferences.locale).catch(() => setLocale('fr'))
  const app = createApp(App)
  app.use(createPinia())
  app.use(i18n)
  const router = createAppRouter()
  waitForMessagesOnNavigation(router)
  app.use(router)
  app.mount('#app')
  void registerServiceWorker()
}

void boot()
