// Lets the bundler tree-shake Vue again. vue-i18n 11.4.2's ES build imports Vue as a namespace
// (`import * as Vue from 'vue'`) and probes it with `'currentInstance' in Vue`: a dynamic look-up
// that forces the bundler to keep every export of Vue — hydration, custom elements, Teleport,
// Suspense, KeepAlive… — on the home route, whether the app uses them or not (14 kB brotli here).
// Reported upstream as intlify/vue-i18n#2573. The probe's only use is to read Vue's
// `currentInstance`, which Vue 3.5 does not export, so the helper always ends up calling
// `Vue.getCurrentInstance()`; this build-time rewrite calls that named export directly, which is
// the same behaviour. It checks the code it rewrites and the Vue version, and stops the build
// when either changed (upgrade: check whether upstream fixed it and drop this plugin).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Plugin } from 'vite'

const TARGET = /[\\/]node_modules[\\/]vue-i18n[\\/]dist[\\/]vue-i18n(\.runtime)?\.mjs$/
const NAMESPACE_IMPORT = "import * as Vue from 'vue';\n"
// The whole helper, as published in vue-i18n 11.4.2.
const HELPER = /\nfunction getCurrentInstance\(\) \{\n\s*\/\/ NOTE\(kazupon\): avoid bundler warning\n\s*const key = 'currentInstance';\n\s*if \(key in Vue\) \{\n\s*return Vue\[key\];\n\s*\}\n\s*else \{\n\s*return Vue\.getCurrentInstance\(\);\n\s*\}\n\}\n/

function vueMinorVersion(root: string): string {
  const require = createRequire(`${root}/`)
  const pkg = JSON.parse(readFileSync(require.resolve('vue/package.json'), 'utf8')) as { version: string }
  return pkg.version.split('.').slice(0, 2).join('.')
}

/** Rewrites one vue-i18n module; throws when its code is not the one this rewrite was written for. */
export function rewriteVueNamespaceImport(code: string, id: string): string {
  const problem = (what: string) =>
    new Error(`vue-i18n-tree-shaking: ${what} in ${id}. vue-i18n changed: see scripts/vite-plugin-vue-i18n-tree-shaking.ts.`)
  if (!code.includes(NAMESPACE_IMPORT)) throw problem('no namespace import of vue')
  if (!HELPER.test(code)) throw problem('no getCurrentInstance helper as expected')
  const rewritten = code.replace(NAMESPACE_IMPORT, "import { getCurrentInstance } from 'vue';\n").replace(HELPER, '\n')
  if (/\bVue[.[]/.test(rewritten)) throw problem('another use of the Vue namespace')
  return rewritten
}

export function vueI18nTreeShaking(): Plugin {
  return {
    name: 'tandem:vue-i18n-tree-shaking',
    apply: 'build',
    configResolved(config) {
      const minor = vueMinorVersion(config.root)
      // Vue 3.6 exports currentInstance (for Vapor components): the probe then means something.
      if (minor !== '3.5') throw new Error(`vue-i18n-tree-shaking: written for Vue 3.5, found Vue ${minor}: see scripts/vite-plugin-vue-i18n-tree-shaking.ts.`)
    },
    transform(code, id) {
      return TARGET.test(id) ? { code: rewriteVueNamespaceImport(code, id), map: null } : null
    },
  }
}
