// Every interface string exists in every locale, with the same placeholders, and is used by the code.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

type Messages = { [key: string]: string | Messages }

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const load = (lang: string) => flatten(JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8')) as Messages)
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(name) ? [path] : []
  })
}

/** Literal keys and template-literal patterns (`a.${x}.b`) that the code may pass to t(). */
function keyReferences(code: string): { literals: Set<string>; patterns: RegExp[] } {
  const literals = new Set<string>()
  const patterns: RegExp[] = []
  for (const m of code.matchAll(/'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'|"([a-zA-Z][\w-]*(?:\.[\w-]+)+)"/g)) literals.add((m[1] ?? m[2]) as string)
  for (const m of code.matchAll(/`([^`]*\$\{[^`]*)`/g)) {
    const template = m[1] as string
    if (!/^[\w.${}()?:'" -]+$/.test(template) || !template.includes('.')) continue
    const source = template
      .split(/\$\{[^}]*\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\w-]+(?:\\.[\\w-]+)*')
    patterns.push(new RegExp(`^${source}$`))
  }
  return { literals, patterns }
}

const french = load('fr')
const others = readdirSync('locales').filter((f) => f.endsWith('.json') && f !== 'fr.json').map((f) => f.replace('.json', ''))

describe('interface strings', () => {
  it('has English and Arabic next to French', () => {
    expect(others.sort()).toEqual(['ar', 'en'])
  })

  for (const lang of others) {
    it(`${lang} has every French key, no other key, and the same placeholders`, () => {
      const messages = load(lang)
      const missing = [...french.keys()].filter((key) => !messages.has(key))
      const extra = [...messages.keys()].filter((key) => !french.has(key))
      const empty = [...messages.entries()].filter(([, value]) => value.trim() === '').map(([key]) => key)
      const mismatched = [...french.entries()]
        .filter(([key, value]) => messages.has(key) && placeholders(value).join() !== placeholders(messages.get(key) as string).join())
        .map(([key]) => key)
      expect({ missing, extra, empty, mismatched }).toEqual({ missing: [], extra: [], empty: [], mismatched: [] })
    })
  }

  it('uses every French key somewhere in the code', () => {
    const references = sourceFiles('src').map((file) => keyReferences(readFileSync(file, 'utf8')))
    const used = (key: string) => references.some(({ literals, patterns }) => literals.has(key) || patterns.some((p) => p.test(key)))
    expect([...french.keys()].filter((key) => !used(key))).toEqual([])
  })

  it('detects a key used through a template literal, and not an unrelated one', () => {
    const { literals, patterns } = keyReferences("t(`home.modes.${mode}.title`); t('nav.home')")
    expect(literals.has('nav.home')).toBe(true)
    expect(patterns.some((p) => p.test('home.modes.agent.title'))).toBe(true)
    expect(patterns.some((p) => p.test('home.modes.agent.description'))).toBe(false)
  })
})
