// The production build ships only the shell's share of French with the home route
// (src/ui/shellMessages.ts); the rest arrives before any other screen shows. So every key that
// the code statically reachable from src/main.ts can show must be in that share, and the two
// shares must add up to locales/fr.json.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { holdsShellOnly, splitShellMessages } from '@/ui/shellMessages'

type Messages = { [key: string]: string | Messages }

function flatten(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'string' ? [path] : flatten(value, path)
  })
}

const fr = JSON.parse(readFileSync('locales/fr.json', 'utf8')) as Messages
const { shell, rest } = splitShellMessages(fr) as { shell: Messages; rest: Messages }
const frKeys = flatten(fr)
const shellKeys = new Set(flatten(shell))

/** The source files the entry imports statically, and theirs in turn: what the home route runs. */
function homeRouteFiles(entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    // Static imports only (import type and import() do not load code with the home route).
    for (const m of code.matchAll(/^\s*import\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = m[1] as string
      const base = specifier.startsWith('@/') ? join('src', specifier.slice(2)) : specifier.startsWith('.') ? join(dirname(file), specifier) : undefined
      if (base === undefined) continue
      const found = [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')].find((path) => existsSync(path) && /\.(ts|vue)$/.test(path))
      if (found) visit(resolve(found))
    }
  }
  visit(resolve(entry))
  return [...seen]
}

/** Keys of fr.json that a file may show: quoted literals, and template literals like `a.${x}.b`. */
function keysUsedIn(code: string): string[] {
  // Page titles are read once the page's route is confirmed, i.e. after the rest has arrived.
  const withoutTitles = code.replace(/titleKey:\s*'[^']*'/g, '')
  const used = new Set<string>()
  for (const m of withoutTitles.matchAll(/['"]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"]/g)) used.add(m[1] as string)
  for (const m of withoutTitles.matchAll(/`([\w.-]*\.)\$\{[^`]*`/g)) {
    const prefix = m[1] as string
    for (const key of frKeys) if (key.startsWith(prefix)) used.add(key)
  }
  return [...used].filter((key) => frKeys.includes(key))
}

describe("the shell's share of French", () => {
  const files = homeRouteFiles('src/main.ts')

  it('finds the home route from the entry', () => {
    expect(files.some((file) => file.endsWith(join('src', 'app', 'HomeView.vue')))).toBe(true)
    expect(files.some((file) => file.endsWith(join('src', 'app', 'AppHeader.vue')))).toBe(true)
  })

  it('holds every key the home route can show', () => {
    const missing = files.flatMap((file) => keysUsedIn(readFileSync(file, 'utf8')).filter((key) => !shellKeys.has(key)).map((key) => `${key} (${file})`))
    expect(missing).toEqual([])
    // The home screen's own title is the one page title shown before the rest arrives.
    expect(shellKeys.has('home.title')).toBe(true)
  })

  it('and the rest add up to fr.json, with nothing in both', () => {
    const restKeys = flatten(rest)
    expect([...shellKeys, ...restKeys].sort()).toEqual([...frKeys].sort())
    expect(restKeys.filter((key) => shellKeys.has(key))).toEqual([])
    expect(restKeys.length).toBeGreaterThan(shellKeys.size)
  })

  it('tells the build-time share from the whole file', () => {
    expect(holdsShellOnly(shell)).toBe(true)
    expect(holdsShellOnly(fr)).toBe(false)
  })
})
