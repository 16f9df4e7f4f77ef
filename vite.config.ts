// Build of the client: Vue, precompiled vue-i18n messages, and the PWA (prompt-to-update service worker),
// each text file written with its brotli and gzip twin for the server to send as is.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { scenarioContent } from './scripts/vite-plugin-scenarios.ts'
import { frenchSplit } from './scripts/vite-plugin-french-split.ts'
import { precompress } from './scripts/vite-plugin-precompress.ts'
import { vueI18nTreeShaking } from './scripts/vite-plugin-vue-i18n-tree-shaking.ts'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
// A build stamp lets a person (and the update test) tell two deployments apart.
const appVersion = `${pkg.version}+${process.env.TANDEM_BUILD_ID ?? new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`

export default defineConfig({
  plugins: [
    // Without it, vue-i18n's namespace import of Vue keeps all of Vue on the home route.
    vueI18nTreeShaking(),
    scenarioContent(),
    vue(),
    // The home route carries only its own French strings; the rest is a lazy chunk.
    frenchSplit({ localesDir: fileURLToPath(new URL('./locales', import.meta.url)) }),
    VueI18nPlugin({
      include: [fileURLToPath(new URL('./locales/*.json', import.meta.url))],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      dropMessageCompiler: true,
      strictMessage: false,
    }),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Tandem — premiers secours numériques',
        short_name: 'Tandem',
        description: "Des parcours guidés pour accompagner les démarches numériques, même sans réseau.",
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4f91',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,json,woff2}'],
        // The coordinator's console is online only: its pages (the console-* chunk) are never
        // precached; only its small shell is, to say offline that it needs a connection.
        globIgnores: ['**/console-*.js', '**/console-*.css'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // Background Sync: the worker wakes an open tab to send what waits (public/sw-sync.js).
        importScripts: ['sw-sync.js'],
        cleanupOutdatedCaches: true,
        // The first visit's page is taken over as soon as the shell is cached, so it works
        // offline without a reload and an accepted update reloads it. Updates still wait for
        // the person's « Mettre à jour » (no skipWaiting).
        clientsClaim: true,
      },
    }),
    // Last: .br and .gz beside every text file, the service worker included.
    precompress(),
  ],
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    // vue-i18n and @intlify/core-base otherwise keep their devtools code, tested at run time.
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __APP_VERSION__: JSON.stringify(appVersion),
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    manifest: true,
    target: 'es2020',
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The libraries of the home route in one chunk, Tandem's code in the entry: the
            // libraries keep their file (and cache) across releases that change only Tandem's
            // code, and the home route is three files (HTML, entry, vendor) plus its CSS, about
            // 1 kB less brotli than the default split (entry + Vue runtime + loader).
            { name: 'vendor', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ },
            // Service worker registration and workbox-window in one lazy chunk: one request after
            // the first render, not a chain of two. Its own dependencies (vite's preload helper)
            // stay with the home route.
            // The console's own modules (not what they share with other features), in one chunk the service
            // worker leaves out (globIgnores above). Its shell and routes stay outside it.
            { name: 'console', test: /[\\/]src[\\/]features[\\/]console[\\/](?!ConsoleShell\.vue|routes\.ts)/, includeDependenciesRecursively: false },
            { name: 'pwa', test: /virtual:pwa-register|[\\/]workbox-window[\\/]/, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
})
