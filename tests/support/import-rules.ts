// The layering rule of docs/architecture.md as code: which folder of src/ may import which, and
// which i18n keys a feature may use. Pure, so a test feeds it deliberately wrong files too.
import { dirname, join, normalize } from 'node:path'

/** Floors from the bottom up; features in their allowed order (each may use those before it). */
export const FLOORS = ['schemas', 'lib', 'db', 'ui'] as const
export const FEATURE_ORDER = ['settings', 'sync', 'places', 'scenarios', 'journal', 'accompaniments', 'workshops', 'stats', 'console'] as const

/** Namespaces of i18n keys anyone may use; a feature's own namespace is its folder name. */
export const SHARED_KEYS = ['app', 'nav', 'common', 'form', 'lists', 'languages', 'connectivity', 'update', 'home', 'notFound']

export interface Violation {
  file: string
  message: string
}

/** The folder a source path belongs to: 'schemas', 'features/journal', 'app'… */
export function folderOf(path: string): string | null {
  const m = /^src\/(features\/[^/]+|[^/]+)\//.exec(path)
  return m ? (m[1] as string) : null
}

function rank(folder: string): number {
  const floor = FLOORS.indexOf(folder as (typeof FLOORS)[number])
  if (floor >= 0) return floor
  if (folder.startsWith('features/')) {
    const i = FEATURE_ORDER.indexOf(folder.slice(9) as (typeof FEATURE_ORDER)[number])
    return i >= 0 ? FLOORS.length + i : -1
  }
  if (folder === 'app') return 100
  return -1
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm
const KEY = /\bt\(\s*['"`]([a-zA-Z]+)\.[a-zA-Z0-9_.${}]+/g

/** Resolves an import specifier to a src/ path (without checking the file exists), or null. */
export function resolveImport(from: string, spec: string): string | null {
  if (spec.startsWith('@/')) return `src/${spec.slice(2)}`
  if (spec.startsWith('.')) return normalize(join(dirname(from), spec))
  return null
}

/** Every violation of the layering and key rules in these files (path → source text). */
export function checkImports(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = []
  const edges = new Map<string, Set<string>>()
  for (const [file, source] of files) {
    const from = folderOf(file)
    if (!from) continue
    for (const m of source.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2] ?? m[3]) as string
      const target = resolveImport(file, spec)
      const to = target && folderOf(target)
      if (!target || !to || to === from) continue
      if (from === 'schemas' && spec.startsWith('@/')) out.push({ file, message: `schemas import relatively only (the server imports them): ${spec}` })
      if (!edges.has(from)) edges.set(from, new Set())
      edges.get(from)?.add(to)
      const [rf, rt] = [rank(from), rank(to)]
      if (rf < 0) out.push({ file, message: `${from} is not a known floor or feature: add it to tests/support/import-rules.ts` })
      else if (rt < 0) out.push({ file, message: `imports ${to}, which is not a known floor or feature` })
      else if (rt >= rf) out.push({ file, message: `${from} may not import ${to} (imports go down only): ${spec}` })
      if (from.startsWith('features/') && to.startsWith('features/') && /\.(vue|css)$/.test(target)) {
        out.push({ file, message: `a feature never imports another feature's components or styles: ${spec}` })
      }
      if (FLOORS.includes(from as (typeof FLOORS)[number]) && to.startsWith('features/')) out.push({ file, message: `${from} knows no feature: ${spec}` })
    }
    for (const m of source.matchAll(KEY)) {
      const namespace = m[1] as string
      if (SHARED_KEYS.includes(namespace)) continue
      const own = from.startsWith('features/') ? from.slice(9) : null
      if (namespace !== own && (FEATURE_ORDER as readonly string[]).concat(['drafts', 'sessions', 'exports']).includes(namespace)) {
        out.push({ file, message: `uses another feature's i18n keys (${namespace}.*)` })
      }
    }
  }
  // No folder circle, even through several folders.
  const visiting = new Set<string>()
  const done = new Set<string>()
  const visit = (node: string, path: string[]): void => {
    if (done.has(node)) return
    if (visiting.has(node)) {
      out.push({ file: node, message: `folder circle: ${[...path.slice(path.indexOf(node)), node].join(' → ')}` })
      return
    }
    visiting.add(node)
    for (const next of edges.get(node) ?? []) visit(next, [...path, node])
    visiting.delete(node)
    done.add(node)
  }
  for (const node of edges.keys()) visit(node, [])
  return out
}
