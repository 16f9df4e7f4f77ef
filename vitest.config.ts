// Test projects: unit (pure logic, IndexedDB through fake-indexeddb), component (happy-dom),
// server (Fastify against PGlite, and PostgreSQL when TEST_DATABASE_URL is set), e2e (Chromium).
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { fileURLToPath } from 'node:url'

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  'virtual:pwa-register': fileURLToPath(new URL('./tests/support/virtual-pwa-register.ts', import.meta.url)),
}
const define = { __APP_VERSION__: JSON.stringify('test'), __VUE_OPTIONS_API__: false }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        define,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/setup-unit.ts'],
        },
      },
      {
        plugins: [
          vue(),
          VueI18nPlugin({
            include: [fileURLToPath(new URL('./locales/*.json', import.meta.url))],
            runtimeOnly: false,
            compositionOnly: true,
            fullInstall: false,
            strictMessage: false,
          }),
        ],
        resolve: { alias },
        define,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/support/setup-component.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/server-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/e2e-global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
