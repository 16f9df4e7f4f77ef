// The import rule of docs/architecture.md holds over the real code, and the check catches a
// deliberately wrong import of each kind.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { checkImports } from '../../support/import-rules'

function sources(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sources(path, out)
    else if (/\.(ts|vue)$/.test(name)) out.set(path, readFileSync(path, 'utf8'))
  }
  return out
}

describe('import rule', () => {
  it('holds over src/: one way down, no folder circle, no feature borrowing components, styles or keys', () => {
    expect(checkImports(sources('src'))).toEqual([])
  })

  it('catches each kind of wrong import', () => {
    const wrong = new Map([
      ['src/features/journal/list.ts', "import { accompanimentsRepo } from '@/features/accompaniments/repo'"],
      ['src/features/stats/StatsView.vue', "import AccompanimentForm from '@/features/accompaniments/components/AccompanimentForm.vue'\nconst a = t('accompaniments.form.save')"],
      ['src/ui/Thing.vue', "import { useJournalStore } from '@/features/journal/store'"],
      ['src/schemas/thing.ts', "import { today } from '@/lib/dates'"],
      ['src/lib/one.ts', "import { x } from '../db/two'"],
      ['src/db/two.ts', "import { y } from '../lib/one'"],
    ])
    const messages = checkImports(wrong).map((v) => `${v.file}: ${v.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('features/journal may not import features/accompaniments'),
        expect.stringContaining("never imports another feature's components"),
        expect.stringContaining("another feature's i18n keys (accompaniments.*)"),
        expect.stringContaining('ui knows no feature'),
        expect.stringContaining('schemas import relatively only'),
        expect.stringContaining('folder circle'),
      ]),
    )
  })
})
