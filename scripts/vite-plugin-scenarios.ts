// Build-time scenario content: reads content/scenarios/*.yaml and locales/<lang>/scenarios/*.json,
// checks them (src/features/scenarios/check.ts), and serves them to the app as virtual modules,
// so neither YAML nor zod ever reaches the browser:
//   virtual:tandem-scenarios                      the catalogue (small) and lazy loaders for the rest
//   virtual:tandem-scenarios/scenario/<id>        one chunk per scenario (steps + illustration URLs)
//   virtual:tandem-scenarios/i18n/<lang>/<id>     one chunk per scenario and locale (fresh strings only)
//   virtual:tandem-scenarios/catalogue-i18n/<lang> translated titles and summaries for the catalogue
//   virtual:tandem-scenarios/search/<lang>        the normalised search index of one interface language
// A build stops on any content error; the dev server reports errors and serves the valid scenarios.
// loadScenarioContent() is also what `npm run content:check` runs.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs'
import { join, relative, resolve, basename } from 'node:path'
import { LineCounter, parseDocument, isNode, type Document } from 'yaml'
import type { Plugin, ViteDevServer } from 'vite'
import { checkScenario, checkTranslation, checkVettedLists, currentDay, formatPath, type PathSegment, type Problem, type VettedIndex } from '../src/features/scenarios/check.ts'
import type { CatalogueEntry, Scenario } from '../src/features/scenarios/format.ts'
import { markdownToPlainText } from '../src/lib/markdown.ts'
import { buildSearchDocument, type SearchDocument } from '../src/features/scenarios/search.ts'
import { localizeScenario, translatedStepIds, type TranslationStatus } from '../src/features/scenarios/translations.ts'

export interface ContentOptions {
  /** Folder holding scenarios/ and media/ (default: <root>/content). */
  contentDir?: string
  /** Folder holding <lang>/scenarios/<id>.json (default: <root>/locales). */
  localesDir?: string
  /** Locales to report coverage for, besides French (default: en, ar, and any folder found). */
  locales?: string[]
  /** Today as YYYY-MM-DD, for the date rules (default: the real date). */
  today?: string
}

export interface LocatedProblem extends Problem {
  /** File path relative to the project root. */
  file: string
  /** 1-based line in the file, when known. */
  line?: number
}

export interface LoadedContent {
  /** Valid scenarios, in catalogue order. */
  scenarios: Scenario[]
  problems: LocatedProblem[]
  /** Per locale, per scenario id. */
  translations: Map<string, Map<string, TranslationStatus>>
  /** Absolute paths of the SVGs of content/media, by file name. */
  media: Map<string, string>
  /** Every file read, for the dev server's watcher. */
  files: string[]
  /** The merged vetted list of content/sources/*.yaml. */
  vetted: VettedIndex
}

const LEVEL_ORDER = { 'first-steps': 0, intermediate: 1, confident: 2 } as const

function listFiles(dir: string, extension: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension) && statSync(join(dir, name)).isFile())
    .sort()
}

/** 1-based line of a path in a YAML document, falling back to the nearest existing parent. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PathSegment[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true)
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line
  }
  return undefined
}

/** Reads, checks and indexes all scenario content. Never throws on bad content: it reports it. */
export function loadScenarioContent(root: string, options: ContentOptions = {}): LoadedContent {
  const contentDir = resolve(root, options.contentDir ?? 'content')
  const localesDir = resolve(root, options.localesDir ?? 'locales')
  const scenariosDir = join(contentDir, 'scenarios')
  const mediaDir = join(contentDir, 'media')
  const sourcesDir = join(contentDir, 'sources')
  const media = new Map(listFiles(mediaDir, '.svg').map((name) => [name, join(mediaDir, name)]))
  const mediaSizes = new Map([...media].map(([name, path]) => [name, statSync(path).size]))
  const today = options.today ?? currentDay()
  const problems: LocatedProblem[] = []
  const scenarios: Scenario[] = []
  const files: string[] = []

  // The vetted list, merged from every content/sources/*.yaml.
  const vettedFiles: { file: string; raw: unknown; doc: Document; counter: LineCounter }[] = []
  for (const name of listFiles(sourcesDir, '.yaml')) {
    const path = join(sourcesDir, name)
    const file = relative(root, path)
    files.push(path)
    const counter = new LineCounter()
    const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter, prettyErrors: false })
    if (doc.errors.length > 0) {
      for (const yamlError of doc.errors) {
        problems.push({ file, line: counter.linePos(yamlError.pos[0]).line, rule: 'vetted-list', severity: 'error', path: [], message: `YAML syntax: ${yamlError.message.split('\n')[0]}`, fix: 'check indentation and quote text containing ": "' })
      }
      continue
    }
    vettedFiles.push({ file, raw: doc.toJS(), doc, counter })
  }
  const vettedCheck = checkVettedLists(vettedFiles, today)
  for (const problem of vettedCheck.problems) {
    const source = vettedFiles.find((f) => f.file === problem.file)
    problems.push({ ...problem, line: source ? lineOf(source.doc, source.counter, problem.path) : undefined })
  }
  const vetted = vettedCheck.index

  const names = existsSync(scenariosDir) ? readdirSync(scenariosDir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name).sort() : []
  for (const name of names) {
    const path = join(scenariosDir, name)
    const file = relative(root, path)
    files.push(path)
    if (!name.endsWith('.yaml')) {
      if (!name.startsWith('.')) problems.push({ file, rule: 'schema', severity: 'error', path: [], message: 'not a .yaml file', fix: 'scenario files end in .yaml (not .yml); move other files elsewhere' })
      continue
    }
    const counter = new LineCounter()
    const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter, prettyErrors: false })
    if (doc.errors.length > 0) {
      for (const yamlError of doc.errors) {
        problems.push({ file, line: counter.linePos(yamlError.pos[0]).line, rule: 'schema', severity: 'error', path: [], message: `YAML syntax: ${yamlError.message.split('\n')[0]}`, fix: 'check indentation and quote text containing ": " or starting with a special character' })
      }
      continue
    }
    const result = checkScenario(doc.toJS(), { fileId: basename(name, '.yaml'), mediaFiles: mediaSizes, vetted, today })
    problems.push(...result.problems.map((problem) => ({ ...problem, file, line: lineOf(doc, counter, problem.path) })))
    if (result.scenario) scenarios.push(result.scenario)
  }

  scenarios.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.title.localeCompare(b.title, 'fr'))

  const found = existsSync(localesDir) ? readdirSync(localesDir).filter((name) => existsSync(join(localesDir, name, 'scenarios'))) : []
  const locales = [...new Set([...(options.locales ?? ['en', 'ar']), ...found])].filter((locale) => locale !== 'fr').sort()
  const translations = new Map<string, Map<string, TranslationStatus>>()
  for (const locale of locales) {
    const dir = join(localesDir, locale, 'scenarios')
    const byId = new Map<string, TranslationStatus>()
    translations.set(locale, byId)
    const present = new Set(listFiles(dir, '.json'))
    for (const scenario of scenarios) {
      const name = `${scenario.id}.json`
      const path = join(dir, name)
      let raw: unknown
      if (present.has(name)) {
        files.push(path)
        try {
          raw = JSON.parse(readFileSync(path, 'utf8'))
        } catch (cause) {
          problems.push({ file: relative(root, path), rule: 'translation', severity: 'error', path: [], message: `not valid JSON: ${(cause as Error).message}`, fix: 'fix the JSON syntax (a missing comma or quote)' })
        }
      }
      const check = checkTranslation(raw ?? { scenario: scenario.id, locale, strings: {} }, scenario, locale)
      problems.push(...check.problems.map((problem) => ({ ...problem, file: relative(root, path) })))
      byId.set(scenario.id, check.status)
      present.delete(name)
    }
    for (const orphan of present) {
      problems.push({ file: relative(root, join(dir, orphan)), rule: 'translation', severity: 'warning', path: [], message: 'translates a scenario that does not exist (or is invalid)', fix: 'rename it to match a scenario id, or delete it' })
    }
  }
  return { scenarios, problems, translations, media, files, vetted }
}

export function catalogueEntry(scenario: Scenario): CatalogueEntry {
  const { id, version, title, summary, keywords, audiences, minutes, level, themes, mainThemes, civicTopics, digcomp, devices, reviewedOn } = scenario
  return { id, version, title, summary, keywords, audiences, minutes, level, themes, mainThemes, civicTopics, digcomp, devices, reviewedOn, stepCount: scenario.steps.length }
}

/**
 * The search index of one interface language. French: titles, keywords, summaries and step
 * texts. Another language: that language's translated title, summary, search keywords and the
 * steps shown translated, plus the French title and keywords (people type French service names
 * whatever their language); the French step texts are left out to keep the index small.
 */
export function searchIndex(content: LoadedContent, locale = 'fr'): SearchDocument[] {
  return content.scenarios.map((scenario) => {
    const status = locale === 'fr' ? undefined : content.translations.get(locale)?.get(scenario.id)
    const strings = status?.strings ?? {}
    const shown = locale === 'fr' ? scenario.steps : (() => {
      const translated = translatedStepIds(scenario, strings)
      return localizeScenario(scenario, strings).steps.filter((step) => translated.has(step.id))
    })()
    const summary = locale === 'fr' ? [scenario.summary] : strings.summary ? [strings.summary] : []
    return buildSearchDocument(scenario.id, {
      title: [scenario.title, ...scenario.keywords, ...(strings.title ? [strings.title] : []), ...(status?.keywords ?? [])],
      summary,
      body: shown.flatMap((step) => [step.title, markdownToPlainText(step.body), ...(step.tip ? [markdownToPlainText(step.tip)] : [])]),
    })
  })
}

/** One line per problem: `file:line  steps[3].next  message → fix`. */
export function formatProblem(problem: LocatedProblem): string {
  const where = `${problem.file}${problem.line ? `:${problem.line}` : ''}`
  const path = problem.path.length > 0 ? `  ${formatPath(problem.path)}` : ''
  return `${problem.severity === 'error' ? 'error' : 'warning'}  ${where}${path}\n    ${problem.message}\n    → ${problem.fix}`
}

/** Percent, rounded down so that 100 % means everything. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 100)
}

/**
 * The coverage table, as printable lines. The figure weighs strings by their words and counts
 * only what a person sees; agent notes (for the mediator) are reported apart; stale strings listed.
 */
export function coverageReport(content: LoadedContent): string[] {
  const lines: string[] = []
  for (const [locale, byId] of content.translations) {
    const visible = { total: 0, translated: 0 }
    const notes = { total: 0, translated: 0 }
    let stale = 0
    for (const status of byId.values()) {
      visible.total += status.visibleWords.total
      visible.translated += status.visibleWords.translated
      notes.total += status.agentNoteWords.total
      notes.translated += status.agentNoteWords.translated
      stale += status.stale.length
    }
    lines.push(`${locale}: ${percent(visible.translated, visible.total)}% of what a person sees (${visible.translated}/${visible.total} words); agent notes ${percent(notes.translated, notes.total)}% (${notes.translated}/${notes.total} words)${stale ? `; ${stale} stale` : ''}`)
    for (const [id, status] of byId) {
      const own = percent(status.visibleWords.translated, status.visibleWords.total)
      const ownNotes = percent(status.agentNoteWords.translated, status.agentNoteWords.total)
      const missing = status.missing.length > 0 && status.missing.length <= 5 ? ` (missing: ${status.missing.join(', ')})` : status.missing.length > 5 ? ` (${status.missing.length} strings missing)` : ''
      lines.push(`  ${id}: ${own}%, agent notes ${ownNotes}%${missing}${status.stale.length ? ` (stale: ${status.stale.join(', ')})` : ''}`)
    }
  }
  return lines
}

const PREFIX = 'virtual:tandem-scenarios'
const RESOLVED = `\0${PREFIX}`

function js(value: unknown): string {
  // JSON.parse of a string literal is parsed faster than an object literal and stays exact.
  return `JSON.parse(${JSON.stringify(JSON.stringify(value))})`
}

/** Source of each virtual module, from the loaded content. */
export function virtualModule(id: string, content: LoadedContent): string | undefined {
  const byId = new Map(content.scenarios.map((scenario) => [scenario.id, scenario]))
  if (id === PREFIX) {
    const loaders = content.scenarios.map((s) => `${JSON.stringify(s.id)}: () => import(${JSON.stringify(`${PREFIX}/scenario/${s.id}`)})`)
    const translationLoaders = [...content.translations.entries()].map(([locale, statuses]) => {
      const entries = [...statuses.entries()].filter(([, status]) => Object.keys(status.strings).length > 0)
      return `${JSON.stringify(locale)}: {${entries.map(([sid]) => `${JSON.stringify(sid)}: () => import(${JSON.stringify(`${PREFIX}/i18n/${locale}/${sid}`)})`).join(',')}}`
    })
    const catalogueTranslations = [...content.translations.keys()].map((locale) => `${JSON.stringify(locale)}: () => import(${JSON.stringify(`${PREFIX}/catalogue-i18n/${locale}`)})`)
    return [
      `export const catalogue = ${js(content.scenarios.map(catalogueEntry))};`,
      `export const scenarioLoaders = {${loaders.join(',')}};`,
      `export const translationLoaders = {${translationLoaders.join(',')}};`,
      `export const catalogueTranslationLoaders = {${catalogueTranslations.join(',')}};`,
      `export const searchIndexLoaders = {${['fr', ...content.translations.keys()].map((locale) => `${JSON.stringify(locale)}: () => import(${JSON.stringify(`${PREFIX}/search/${locale}`)})`).join(',')}};`,
    ].join('\n')
  }
  const searchMatch = /^virtual:tandem-scenarios\/search\/([a-z]{2})$/.exec(id)
  if (searchMatch) {
    const locale = searchMatch[1] as string
    return locale === 'fr' || content.translations.has(locale) ? `export default ${js(searchIndex(content, locale))};` : undefined
  }
  const scenarioMatch = /^virtual:tandem-scenarios\/scenario\/([a-z0-9-]+)$/.exec(id)
  if (scenarioMatch) {
    const scenario = byId.get(scenarioMatch[1] as string)
    if (!scenario) return undefined
    const illustrations = [...new Set(scenario.steps.flatMap((step) => (step.illustration ? [step.illustration] : [])))]
    const imports = illustrations.map((name, i) => `import media${i} from ${JSON.stringify(`${content.media.get(name)}?url`)};`)
    const media = illustrations.map((name, i) => `${JSON.stringify(name)}: media${i}`)
    return [...imports, `export const scenario = ${js(scenario)};`, `export const media = {${media.join(',')}};`].join('\n')
  }
  const translationMatch = /^virtual:tandem-scenarios\/i18n\/([a-z]{2})\/([a-z0-9-]+)$/.exec(id)
  if (translationMatch) {
    const status = content.translations.get(translationMatch[1] as string)?.get(translationMatch[2] as string)
    return status ? `export default ${js(status.strings)};` : undefined
  }
  const catalogueMatch = /^virtual:tandem-scenarios\/catalogue-i18n\/([a-z]{2})$/.exec(id)
  if (catalogueMatch) {
    const statuses = content.translations.get(catalogueMatch[1] as string)
    if (!statuses) return undefined
    const entries = Object.fromEntries([...statuses.entries()].map(([sid, status]) => [sid, { title: status.strings.title, summary: status.strings.summary }]))
    return `export default ${js(entries)};`
  }
  return undefined
}

/** The Vite plugin. */
export function scenarioContent(options: ContentOptions = {}): Plugin {
  let root = process.cwd()
  let content: LoadedContent | undefined
  let isBuild = false
  const load = (report: (message: string) => void, fail: (message: string) => never): LoadedContent => {
    const loaded = loadScenarioContent(root, options)
    const errors = loaded.problems.filter((problem) => problem.severity === 'error')
    if (errors.length > 0) {
      const message = `scenario content has ${errors.length} error(s):\n${errors.map(formatProblem).join('\n')}\nRun npm run content:check for details.`
      if (isBuild) fail(message)
      report(message)
    }
    return loaded
  }
  const invalidate = (server: ViteDevServer) => {
    content = undefined
    for (const module of server.moduleGraph.idToModuleMap.values()) {
      if (module.id?.startsWith(RESOLVED)) server.moduleGraph.invalidateModule(module)
    }
    server.ws.send({ type: 'full-reload' })
  }
  return {
    name: 'tandem-scenario-content',
    enforce: 'pre',
    configResolved(config) {
      root = config.root
      isBuild = config.command === 'build'
    },
    buildStart() {
      content = load((message) => this.warn(message), (message) => this.error(message))
    },
    configureServer(server) {
      const dirs = [resolve(root, options.contentDir ?? 'content'), resolve(root, options.localesDir ?? 'locales')]
      server.watcher.add(dirs)
      server.watcher.on('all', (_event, path) => {
        if (dirs.some((dir) => path.startsWith(dir)) && /\.(ya?ml|json|svg)$/.test(path) && !/locales\/[a-z]{2}\.json$/.test(path)) invalidate(server)
      })
    },
    resolveId(id) {
      return id === PREFIX || id.startsWith(`${PREFIX}/`) ? `\0${id}` : undefined
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined
      content ??= load((message) => this.warn(message), (message) => this.error(message))
      const source = virtualModule(id.slice(1), content)
      if (source === undefined) this.error(`unknown scenario module ${id.slice(1)}`)
      return source
    },
  }
}
