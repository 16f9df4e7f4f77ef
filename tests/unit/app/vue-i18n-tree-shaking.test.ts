// The build-time rewrite that lets Vue be tree-shaken (scripts/vite-plugin-vue-i18n-tree-shaking.ts)
// must match the installed vue-i18n, and refuse any other code rather than guess.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rewriteVueNamespaceImport } from '../../../scripts/vite-plugin-vue-i18n-tree-shaking'

const require = createRequire(join(process.cwd(), 'package.json'))
const file = join(require.resolve('vue-i18n/package.json'), '..', 'dist', 'vue-i18n.runtime.mjs')
const code = readFileSync(file, 'utf8')

describe('vue-i18n tree-shaking rewrite', () => {
  it('replaces the Vue namespace by the one named import it stood for', () => {
    expect(code).toContain("import * as Vue from 'vue'")
    const rewritten = rewriteVueNamespaceImport(code, file)
    expect(rewritten).not.toMatch(/import \* as Vue/)
    expect(rewritten).not.toMatch(/\bVue[.[]/)
    expect(rewritten).toContain("import { getCurrentInstance } from 'vue';")
    expect(rewritten).not.toMatch(/function getCurrentInstance\(/)
    // Everything else is untouched, and the helper's callers still call getCurrentInstance().
    expect(rewritten.length).toBeGreaterThan(code.length - 400)
    expect(rewritten).toMatch(/getCurrentInstance\(\) \|\| undefined/)
  })

  it('stops the build on code it was not written for', () => {
    expect(() => rewriteVueNamespaceImport(code.replace("import * as Vue from 'vue';\n", ''), file)).toThrow(/vue-i18n changed/)
    expect(() => rewriteVueNamespaceImport(code.replace("const key = 'currentInstance';", "const key = 'vapor';"), file)).toThrow(/vue-i18n changed/)
    expect(() => rewriteVueNamespaceImport(`${code}\nexport const version = Vue.version;\n`, file)).toThrow(/another use/)
  })
})
