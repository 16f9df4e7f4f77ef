// Build-time cut of the bundled French messages (src/ui/shellMessages.ts says which groups the
// home route keeps). locales/fr.json, imported as usual by src/ui/i18n.ts, then holds the shell's
// groups only; `locales/fr.json?rest` is the rest, a lazy chunk. Both go on to
// @intlify/unplugin-vue-i18n as locale files (the rest under the made-up name fr.rest.json, which
// its include glob matches), so both are precompiled and no message compiler ships.
// Development and tests load fr.json whole (this plugin runs for `vite build` only).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Plugin } from 'vite'
import { splitShellMessages } from '../src/ui/shellMessages.ts'

const REST_QUERY = '?rest'

export function frenchSplit(options: { localesDir: string }): Plugin {
  const frPath = resolve(options.localesDir, 'fr.json')
  const restId = resolve(options.localesDir, 'fr.rest.json')
  const read = () => splitShellMessages(JSON.parse(readFileSync(frPath, 'utf8')) as Record<string, unknown>)
  return {
    name: 'tandem:french-split',
    apply: 'build',
    // Before vite's own file loading and before the i18n plugin's transform.
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.endsWith(`fr.json${REST_QUERY}`) || importer === undefined) return null
      const target = resolve(dirname(importer), source.slice(0, -REST_QUERY.length))
      return target === frPath ? restId : null
    },
    load(id) {
      if (id === frPath) return JSON.stringify(read().shell)
      if (id === restId) {
        this.addWatchFile(frPath)
        return JSON.stringify(read().rest)
      }
      return null
    },
  }
}
