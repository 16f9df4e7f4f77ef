// Content rules of scenario files, as pure functions of parsed data: the checker CLI, the Vite
// plugin and the tests all call these. Each problem names the rule, the path in the file
// (steps[3].checkpoint.choices[1].next) and what the writer should do about it.
import type { z } from 'zod'
import { ScenarioSchema, TranslationFileSchema, VettedListSchema, VettedPhoneSchema, VettedSourceSchema, type Scenario, type TranslationFile, type VettedPhone, type VettedSource } from './format.ts'
import { checkGraph, type StepLinks } from './graph.ts'
import { findMarkupProblems } from '../../lib/markdown.ts'
import { DIGCOMP_CODES, SCENARIO_THEMES, isAdministrativeTheme } from './taxonomy.ts'
import { COST_WORDS, canonicalUrl, hostOf, isShortener, isSurcharged, linksIn, phonesIn, sentences, wordCount, dialledDigits } from './textFacts.ts'
import { translatableStrings, translationStatus, type TranslationStatus } from './translations.ts'

export type Rule =
  | 'schema'
  | 'id-mismatch'
  | 'duplicate-step'
  | 'unknown-step'
  | 'falls-off-end'
  | 'unreachable-step'
  | 'no-exit'
  | 'unknown-theme'
  | 'theme-combination'
  | 'unknown-digcomp'
  | 'source-incomplete'
  | 'missing-illustration'
  | 'markup'
  | 'translation'
  | 'vetted-list'
  | 'unvetted-url'
  | 'link-shortener'
  | 'insecure-link'
  | 'surcharged-number'
  | 'unvetted-phone'
  | 'phone-cost'
  | 'future-date'
  | 'expired-date'
  | 'old-date'
  | 'source-date'
  | 'weak-sources'
  | 'step-length'
  | 'easy-read-length'
  | 'easy-read-sentence'
  | 'falc'
  | 'duplicate-choice'
  | 'endings'
  | 'refer-contact'
  | 'admin-theme-missing'
  | 'main-themes'
  | 'illustration-size'
  | 'agent-note'

export type PathSegment = string | number

export interface Problem {
  rule: Rule
  severity: 'error' | 'warning'
  path: PathSegment[]
  message: string
  /** What to do about it, addressed to the writer. */
  fix: string
}

/** `steps[3].checkpoint.choices[1].next` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('')
}

function error(rule: Rule, path: PathSegment[], message: string, fix: string): Problem {
  return { rule, severity: 'error', path, message, fix }
}

function warning(rule: Rule, path: PathSegment[], message: string, fix: string): Problem {
  return { rule, severity: 'warning', path, message, fix }
}

function closest(value: string, options: readonly string[]): string | undefined {
  const v = String(value).toLowerCase()
  return options.find((option) => option.includes(v) || v.includes(option)) ?? options.find((option) => option.slice(0, 4) === v.slice(0, 4))
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let at: unknown = raw
  for (const segment of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PathSegment, unknown>)[segment]
  }
  return at
}

/** Turns a zod issue into a problem with a rule and a fix the writer can act on. */
function fromIssue(issue: z.core.$ZodIssue, raw: unknown): Problem {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol')
  const value = valueAt(raw, path)
  if (path[0] === 'themes' && issue.code === 'invalid_value') {
    const guess = closest(String(value), SCENARIO_THEMES)
    return error('unknown-theme', path, `"${String(value)}" is not a theme of the national activity report`, `use one of the ids in docs/national-lists.md${guess ? ` (did you mean "${guess}"?)` : ''}`)
  }
  if (path[0] === 'digcomp' && issue.code === 'invalid_value') {
    return error('unknown-digcomp', path, `"${String(value)}" is not a DigComp 2.2 competence code`, `use a code from ${DIGCOMP_CODES[0]} to ${DIGCOMP_CODES[DIGCOMP_CODES.length - 1]}, quoted ("2.1"), listed in src/features/scenarios/taxonomy.ts`)
  }
  if (path[0] === 'sources' && (path[2] === 'url' || path[2] === 'checkedOn')) {
    const what = path[2] === 'url' ? 'address (url: https://…)' : 'date it was last checked (checkedOn: YYYY-MM-DD)'
    return error('source-incomplete', path, value === undefined ? `this source has no ${what}` : `${issue.message}`, `give every source its ${what}`)
  }
  if (issue.code === 'unrecognized_keys') {
    return error('schema', path, `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`, 'check the spelling against src/features/scenarios/format.ts (field names are case-sensitive)')
  }
  if (issue.code === 'invalid_type' && value === undefined && path[path.length - 1] === 'easyRead') {
    return error('schema', path, 'required field "easyRead" is missing', 'write the easy-read form (short sentences, common words: docs/content-format.md, "Easy-read"); every step, question and choice has one')
  }
  if (issue.code === 'invalid_type' && value === undefined) {
    return error('schema', path, `required field "${String(path[path.length - 1])}" is missing`, 'add it (see docs/content-format.md)')
  }
  return error('schema', path, issue.message, 'see the field description in docs/content-format.md')
}

/** The part of each step the graph checks need, read leniently so they run even on invalid files. */
function stepLinks(raw: unknown): StepLinks[] | undefined {
  const steps = valueAt(raw, ['steps'])
  if (!Array.isArray(steps)) return undefined
  const links: StepLinks[] = []
  for (const step of steps) {
    if (!step || typeof step !== 'object' || typeof (step as { id?: unknown }).id !== 'string') return undefined
    const s = step as { id: string; next?: unknown; outcome?: unknown; checkpoint?: { choices?: unknown } }
    const choices = Array.isArray(s.checkpoint?.choices) ? s.checkpoint.choices.map((choice: unknown) => String(valueAt(choice, ['next']) ?? '')) : undefined
    links.push({ id: s.id, next: typeof s.next === 'string' ? s.next : undefined, choices, end: s.outcome !== undefined })
  }
  return links
}

function graphProblems(links: StepLinks[]): Problem[] {
  return checkGraph(links).map((problem): Problem => {
    switch (problem.kind) {
      case 'duplicate-step':
        return error('duplicate-step', ['steps', problem.index, 'id'], `step id "${problem.id}" is already used by steps[${problem.firstIndex}]`, 'give each step its own id')
      case 'unknown-step':
        return error(
          'unknown-step',
          problem.choice === undefined ? ['steps', problem.index, 'next'] : ['steps', problem.index, 'checkpoint', 'choices', problem.choice, 'next'],
          `leads to "${problem.target}", which is not a step of this scenario`,
          `use one of: ${links.map((l) => l.id).join(', ')}`,
        )
      case 'falls-off-end':
        return error('falls-off-end', ['steps', problem.index], 'the last step has no outcome and nowhere to go', 'add outcome: done | needs-help | refer, or a next step')
      case 'unreachable-step':
        return error('unreachable-step', ['steps', problem.index], `no path reaches step "${links[problem.index]?.id}"`, 'point a next or a checkpoint choice at it, or remove it')
      case 'no-exit':
        return error(
          'no-exit',
          ['steps', problem.indexes[0] as number],
          `from ${problem.indexes.map((i) => `"${links[i]?.id}"`).join(', ')} no end step can be reached: a loop with no way out`,
          'give one of these steps a checkpoint choice or a next that leads towards a step with an outcome',
        )
    }
  })
}

/** The vetted pages and phone numbers, merged from every content/sources/*.yaml, by canonical URL / digits. */
export interface VettedIndex {
  sources: ReadonlyMap<string, VettedSource>
  phones: ReadonlyMap<string, VettedPhone>
}

export const EMPTY_VETTED: VettedIndex = { sources: new Map(), phones: new Map() }

/** Limits of the format (docs/content-format.md). */
export const LIMITS = {
  stepWordsWarning: 120,
  stepWordsError: 160,
  easyReadSentenceWords: 12,
  illustrationBytes: 10 * 1024,
  /** Months after which a date is too old: warning (administrative / other), then error. */
  oldAdministrativeMonths: 6,
  oldOtherMonths: 12,
  expiredMonths: 18,
} as const

export interface ScenarioCheckContext {
  /** The file name without extension; the scenario id must equal it. */
  fileId: string
  /** File names present in content/media/ (a Map gives their sizes in bytes). */
  mediaFiles: ReadonlySet<string> | ReadonlyMap<string, number>
  /** The merged vetted list; empty when absent, so every address is then refused. */
  vetted?: VettedIndex
  /** Today as YYYY-MM-DD (tests pin it); the real date by default. */
  today?: string
}

export interface ScenarioCheck {
  /** The parsed scenario, when it has no error. */
  scenario: Scenario | undefined
  problems: Problem[]
}

/** Today's date, YYYY-MM-DD, in the French time zone the content is written in. */
export function currentDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** `day` plus `months` months, YYYY-MM-DD (31 January + 1 month = 3 March, as Date does). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10)
}

function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
}

/** YAML reads an unquoted 2026-11-22 as a Date: take it back as the day it was written. */
function asDay(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  return isDay(value) ? value : undefined
}

function dateProblems(path: PathSegment[], day: string, today: string, administrative: boolean, what: string): Problem[] {
  if (day > today) return [error('future-date', path, `${what} ${day} is in the future (today is ${today})`, 'write the day the text was actually read or proofread, never a planned date')]
  if (addMonths(day, LIMITS.expiredMonths) < today) {
    return [error('expired-date', path, `${what} ${day} is more than ${LIMITS.expiredMonths} months old`, 'read the page again (or proofread the scenario), update the text if needed, then the date')]
  }
  const months = administrative ? LIMITS.oldAdministrativeMonths : LIMITS.oldOtherMonths
  if (addMonths(day, months) < today) {
    return [warning('old-date', path, `${what} ${day} is more than ${months} months old${administrative ? ' (administrative procedures change often)' : ''}`, 'check the page again soon and update the date')]
  }
  return []
}

// ── Lenient reading: the content rules run on whatever is readable, even when the schema fails,
// so one run reports every problem of a file.

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === 'string')

interface LooseChoice { label?: string; easyRead?: string }
interface LooseStep {
  id?: string
  title?: string
  body?: string
  tip?: string
  warning?: string
  agentNote?: string
  easyRead?: string
  illustration?: string
  illustrationAlt?: string
  outcome?: string
  checkpoint?: { question?: string; easyRead?: string; choices: LooseChoice[] }
}

function looseStep(raw: unknown): LooseStep {
  const get = (key: string) => valueAt(raw, [key])
  const checkpoint = get('checkpoint')
  return {
    id: str(get('id')), title: str(get('title')), body: str(get('body')), tip: str(get('tip')), warning: str(get('warning')),
    agentNote: str(get('agentNote')), easyRead: str(get('easyRead')), illustration: str(get('illustration')), illustrationAlt: str(get('illustrationAlt')),
    outcome: str(get('outcome')),
    checkpoint: checkpoint && typeof checkpoint === 'object'
      ? {
          question: str(valueAt(checkpoint, ['question'])),
          easyRead: str(valueAt(checkpoint, ['easyRead'])),
          choices: list(valueAt(checkpoint, ['choices'])).map((choice) => ({ label: str(valueAt(choice, ['label'])), easyRead: str(valueAt(choice, ['easyRead'])) })),
        }
      : undefined,
  }
}

/** Every text of a scenario with its path: what the link, phone and « FALC » rules read. */
function textsOf(raw: unknown, steps: LooseStep[]): [PathSegment[], string][] {
  const out: [PathSegment[], string][] = []
  const add = (path: PathSegment[], value: string | undefined) => {
    if (value !== undefined) out.push([path, value])
  }
  add(['title'], str(valueAt(raw, ['title'])))
  add(['summary'], str(valueAt(raw, ['summary'])))
  list(valueAt(raw, ['keywords'])).forEach((value, i) => add(['keywords', i], str(value)))
  list(valueAt(raw, ['prerequisites'])).forEach((value, i) => add(['prerequisites', i], str(value)))
  steps.forEach((step, i) => {
    for (const field of ['title', 'body', 'tip', 'warning', 'agentNote', 'easyRead', 'illustrationAlt'] as const) add(['steps', i, field], step[field])
    if (step.checkpoint) {
      add(['steps', i, 'checkpoint', 'question'], step.checkpoint.question)
      add(['steps', i, 'checkpoint', 'easyRead'], step.checkpoint.easyRead)
      step.checkpoint.choices.forEach((choice, c) => {
        add(['steps', i, 'checkpoint', 'choices', c, 'label'], choice.label)
        add(['steps', i, 'checkpoint', 'choices', c, 'easyRead'], choice.easyRead)
      })
    }
  })
  return out
}

/** Words a person sees on a step: title, body, tip, warning, checkpoint question and choices. */
export function visibleStepWords(step: Pick<LooseStep, 'title' | 'body' | 'tip' | 'warning' | 'checkpoint'>): number {
  const checkpoint = step.checkpoint
  return wordCount(step.title) + wordCount(step.body) + wordCount(step.tip) + wordCount(step.warning) +
    wordCount(checkpoint?.question) + (checkpoint?.choices ?? []).reduce((sum, choice) => sum + wordCount(choice.label), 0)
}

const sameText = (text: string) => text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim()

function addressProblems(path: PathSegment[], url: string, vetted: VettedIndex): Problem[] {
  if (url.startsWith('tel:')) {
    const digits = dialledDigits(url.slice(4))
    return vetted.phones.has(digits) ? [] : [error('unvetted-phone', path, `the link ${url} calls a number that is not in the vetted list`, 'add the number to phones: in content/sources/<group>.yaml with its cost and a vetted source, or remove the link')]
  }
  if (/^http:\/\//i.test(url)) return [error('insecure-link', path, `${url} is not an https:// address`, 'use the https:// address of the page (and vet it)')]
  if (!/^https:\/\//i.test(url)) return []
  if (isShortener(url)) return [error('link-shortener', path, `${url} is a shortened link, which hides where it leads`, 'use the full address of the official page')]
  if (vetted.sources.has(canonicalUrl(url))) return []
  const host = hostOf(url)
  const near = [...vetted.sources.keys()].filter((known) => host !== undefined && hostOf(known) === host).slice(0, 3)
  return [error('unvetted-url', path, `${url} is not in the vetted list (content/sources/*.yaml)`, near.length > 0 ? `use a vetted address of that site (${near.join(', ')}) or vet this page` : 'read the page, then add it to content/sources/<group>.yaml (see docs/content-format.md)')]
}

/** Fields where a number is shown to the person with room to say what the call costs. */
const COST_FIELDS = new Set(['body', 'tip', 'warning', 'easyRead'])

function phoneProblems(path: PathSegment[], text: string, vetted: VettedIndex): Problem[] {
  const problems: Problem[] = []
  const once = new Set<string>()
  for (const phone of phonesIn(text)) {
    if (once.has(phone.digits)) continue
    once.add(phone.digits)
    if (isSurcharged(phone.digits)) {
      problems.push(error('surcharged-number', path, `${phone.written} is a surcharged (premium-rate) number`, 'never send a person to a paying number: give the official free contact or a link'))
    } else if (!vetted.phones.has(phone.digits)) {
      if (phone.kind === 'short') problems.push(error('unvetted-phone', path, `the short number ${phone.written} is not in the vetted list`, 'add it to phones: in content/sources/<group>.yaml with the cost its official page states'))
      else problems.push(warning('unvetted-phone', path, `the number ${phone.written} is not in the vetted list`, 'add it to phones: with its cost and source, so nobody can doubt it'))
    } else if (path[0] === 'steps' && COST_FIELDS.has(String(path[2])) && !COST_WORDS.test(text)) {
      problems.push(warning('phone-cost', path, `${phone.written} is given without what the call costs`, `write the cost beside it (${vetted.phones.get(phone.digits)?.cost})`))
    }
  }
  return problems
}

/** Every problem of one scenario file's parsed YAML. */
export function checkScenario(raw: unknown, context: ScenarioCheckContext): ScenarioCheck {
  const problems: Problem[] = []
  const vetted = context.vetted ?? EMPTY_VETTED
  const today = context.today ?? currentDay()
  const parsed = ScenarioSchema.safeParse(raw)
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => fromIssue(issue, raw)))

  const id = valueAt(raw, ['id'])
  if (typeof id === 'string' && id !== context.fileId) {
    problems.push(error('id-mismatch', ['id'], `id "${id}" differs from the file name "${context.fileId}.yaml"`, `rename the file to ${id}.yaml or set id: ${context.fileId}`))
  }

  const links = stepLinks(raw)
  if (links) problems.push(...graphProblems(links))

  const steps = list(valueAt(raw, ['steps'])).map(looseStep)
  const themes = strings(valueAt(raw, ['themes']))
  const administrative = themes.includes('aide_aux_demarches_administratives')

  // Themes.
  const admin = themes.filter(isAdministrativeTheme)
  if (admin.length > 0 && !administrative) {
    problems.push(error('theme-combination', ['themes'], `administrative theme${admin.length > 1 ? 's' : ''} ${admin.join(', ')} without aide_aux_demarches_administratives`, 'add aide_aux_demarches_administratives to themes (the national report only takes administrative themes with it)'))
  }
  if (administrative && admin.length === 0) {
    problems.push(error('admin-theme-missing', ['themes'], 'aide_aux_demarches_administratives without an administrative theme: the activity log it prefills would be incomplete', 'add the administrative theme of the procedure (social_sante, argent_impots, papiers_elections_citoyennete…; docs/national-lists.md)'))
  }
  const mainThemes = strings(valueAt(raw, ['mainThemes']))
  const outside = mainThemes.filter((theme) => !themes.includes(theme))
  if (outside.length > 0) problems.push(error('main-themes', ['mainThemes'], `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not in themes`, 'mainThemes is a subset of themes: add it to themes or remove it here'))
  if (administrative && admin.length > 0 && mainThemes.length > 0 && (!mainThemes.includes('aide_aux_demarches_administratives') || !mainThemes.some(isAdministrativeTheme))) {
    problems.push(error('main-themes', ['mainThemes'], 'an administrative scenario pre-ticks aide_aux_demarches_administratives and its main administrative theme', `set mainThemes: [aide_aux_demarches_administratives, ${admin[0] ?? 'argent_impots'}]`))
  }

  // Sources and dates.
  const sources = list(valueAt(raw, ['sources']))
  let pageBacked = false
  sources.forEach((source, i) => {
    const url = str(valueAt(source, ['url']))
    const entry = url ? vetted.sources.get(canonicalUrl(url)) : undefined
    if (url && !entry) problems.push(...addressProblems(['sources', i, 'url'], url, vetted).filter((p) => p.rule !== 'insecure-link'))
    if (entry?.seen === 'page') pageBacked = true
    const checkedOn = asDay(valueAt(source, ['checkedOn']))
    if (checkedOn) {
      problems.push(...dateProblems(['sources', i, 'checkedOn'], checkedOn, today, administrative, 'checkedOn'))
      if (entry && checkedOn > entry.checkedOn) {
        problems.push(error('source-date', ['sources', i, 'checkedOn'], `checkedOn ${checkedOn} is later than the vetted list's ${entry.checkedOn} for this page`, `write ${entry.checkedOn} or earlier, or read the page again and update the vetted list first`))
      }
    }
  })
  if (sources.length > 0 && !pageBacked) {
    problems.push(error('weak-sources', ['sources'], 'no source is a page whose own text was read (seen: page in the vetted list)', 'back the steps with at least one official page you read; a link or a mirror cannot be the only source'))
  }
  const reviewedOn = asDay(valueAt(raw, ['reviewedOn']))
  if (reviewedOn) problems.push(...dateProblems(['reviewedOn'], reviewedOn, today, administrative, 'reviewedOn'))

  // Every text: « FALC », links, phone numbers, markup.
  for (const [path, value] of textsOf(raw, steps)) {
    if (/\bfalc\b/iu.test(value)) problems.push(error('falc', path, 'says « FALC »', 'never name the method: the player calls it « Version simplifiée »'))
    for (const url of new Set(linksIn(value))) problems.push(...addressProblems(path, url, vetted))
    problems.push(...phoneProblems(path, value, vetted))
    if (path[0] === 'steps' && ['body', 'tip', 'warning', 'agentNote', 'easyRead'].includes(String(path[2]))) {
      for (const message of findMarkupProblems(value)) {
        // http:// links are reported once, as insecure links.
        if (/"http:\/\//.test(message)) continue
        problems.push(error('markup', path, message, 'keep to the Markdown subset of docs/content-format.md'))
      }
    }
  }

  // Steps: one phone screen, easy-read, choices, illustrations, endings.
  steps.forEach((step, index) => {
    const words = visibleStepWords(step)
    if (words > LIMITS.stepWordsError) problems.push(error('step-length', ['steps', index], `${words} words on one screen (limit ${LIMITS.stepWordsError})`, `split the step or say less: aim for under ${LIMITS.stepWordsWarning} words (title, body, tip, warning, checkpoint)`))
    else if (words > LIMITS.stepWordsWarning) problems.push(warning('step-length', ['steps', index], `${words} words on one screen`, `aim for under ${LIMITS.stepWordsWarning} words: split the step or shorten it`))

    const easyPairs: [PathSegment[], string | undefined, string | undefined, string][] = [
      [['steps', index, 'easyRead'], step.easyRead, step.body, 'the body'],
      [['steps', index, 'checkpoint', 'easyRead'], step.checkpoint?.easyRead, step.checkpoint?.question, 'the question'],
      ...(step.checkpoint?.choices ?? []).map((choice, c): [PathSegment[], string | undefined, string | undefined, string] => [['steps', index, 'checkpoint', 'choices', c, 'easyRead'], choice.easyRead, choice.label, 'the label']),
    ]
    for (const [path, easy, normal, what] of easyPairs) {
      if (easy === undefined) continue
      if (normal !== undefined && wordCount(easy) > wordCount(normal)) {
        problems.push(error('easy-read-length', path, `the easy-read text (${wordCount(easy)} words) is longer than ${what} (${wordCount(normal)} words)`, 'keep only what the person needs to act: short sentences, fewer words'))
      }
      for (const sentence of sentences(easy)) {
        const n = wordCount(sentence)
        if (n > LIMITS.easyReadSentenceWords) problems.push(warning('easy-read-sentence', path, `a sentence of ${n} words: « ${sentence} »`, `split it: at most ${LIMITS.easyReadSentenceWords} words per sentence (docs/content-format.md, "Easy-read")`))
      }
    }

    if (step.checkpoint) {
      for (const field of ['label', 'easyRead'] as const) {
        const seen = new Map<string, number>()
        step.checkpoint.choices.forEach((choice, c) => {
          const value = choice[field]
          if (value === undefined) return
          const first = seen.get(sameText(value))
          if (first !== undefined) problems.push(error('duplicate-choice', ['steps', index, 'checkpoint', 'choices', c, field], `same ${field === 'label' ? 'label' : 'easy-read label'} as choice ${first + 1}: « ${value} »`, 'each answer must say something different, or the person cannot choose'))
          else seen.set(sameText(value), c)
        })
      }
    }

    if (step.illustration !== undefined) {
      if (!context.mediaFiles.has(step.illustration)) {
        problems.push(error('missing-illustration', ['steps', index, 'illustration'], `content/media/${step.illustration} does not exist`, 'add the SVG to content/media/ or fix the file name'))
      } else if (context.mediaFiles instanceof Map) {
        const bytes = context.mediaFiles.get(step.illustration) as number
        if (bytes > LIMITS.illustrationBytes) problems.push(error('illustration-size', ['steps', index, 'illustration'], `content/media/${step.illustration} weighs ${(bytes / 1024).toFixed(1)} KB (limit 10 KB)`, 'simplify the sketch (fewer paths, no embedded fonts or bitmaps) and minify it'))
      }
    }

    if (step.outcome === 'refer') {
      const said = [step.body, step.tip, step.warning].filter((t): t is string => t !== undefined)
      const hasContact = said.some((t) => linksIn(t).length > 0 || phonesIn(t).some((phone) => vetted.phones.has(phone.digits)))
      if (!hasContact) problems.push(error('refer-contact', ['steps', index], 'this refer ending names no address or number to go to', 'name the official body with a vetted link or phone number (with its cost)'))
    }
  })

  if (steps.length > 0) {
    const outcomes = new Set(steps.map((step) => step.outcome))
    const missing = [!outcomes.has('done') && 'a done ending (it worked)', !outcomes.has('needs-help') && !outcomes.has('refer') && 'a needs-help or refer ending (a way to get help)'].filter(Boolean)
    if (missing.length > 0) problems.push(error('endings', ['steps'], `the scenario has no ${missing.join(' and no ')}`, 'add the missing end step: every scenario ends well and offers a way to get help'))
    if (!steps.some((step) => step.agentNote !== undefined)) problems.push(warning('agent-note', ['steps'], 'no step has an agentNote', 'add an agentNote with the usual pitfalls on the main steps'))
  }

  const scenario = parsed.success ? parsed.data : undefined
  return { scenario: problems.some((p) => p.severity === 'error') ? undefined : scenario, problems }
}

export interface VettedFile {
  /** File name, for the messages (content/sources/base.yaml). */
  file: string
  raw: unknown
}

export interface VettedCheck {
  index: VettedIndex
  /** Problems by file name. */
  problems: (Problem & { file: string })[]
}

const SEEN_STRENGTH = { page: 2, mirror: 1, link: 0 } as const

/**
 * Checks and merges the vetted lists. A page listed in several files keeps its latest reading
 * (the most recent checkedOn, the strongest `seen`); contradictions are reported as warnings.
 */
export function checkVettedLists(files: readonly VettedFile[], today = currentDay()): VettedCheck {
  const sources = new Map<string, VettedSource>()
  const phones = new Map<string, VettedPhone>()
  const origin = new Map<string, string>()
  const problems: (Problem & { file: string })[] = []
  const parsedFiles: { file: string; sources: (VettedSource | undefined)[]; phones: (VettedPhone | undefined)[] }[] = []
  for (const { file, raw } of files) {
    // A YAML date comes in as a Date: give it back as the day written.
    const normalised = raw && typeof raw === 'object' ? {
      ...(raw as Record<string, unknown>),
      sources: list(valueAt(raw, ['sources'])).map((s) => (s && typeof s === 'object' ? { ...(s as object), checkedOn: asDay(valueAt(s, ['checkedOn'])) ?? valueAt(s, ['checkedOn']) } : s)),
    } : raw
    const parsed = VettedListSchema.safeParse(normalised)
    if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => ({ ...fromIssue(issue, normalised), rule: 'vetted-list' as const, file })))
    // Keep the well-formed entries (at their own index), so one bad line does not turn every scenario's sources red.
    const keep = <T,>(items: unknown[], schema: z.ZodType<T>) => items.map((item) => {
      const one = schema.safeParse(item)
      return one.success ? one.data : undefined
    })
    parsedFiles.push({
      file,
      sources: parsed.success ? parsed.data.sources : keep(list(valueAt(normalised, ['sources'])), VettedSourceSchema),
      phones: parsed.success ? parsed.data.phones : keep(list(valueAt(normalised, ['phones'])), VettedPhoneSchema),
    })
  }
  for (const { file, sources: entries } of parsedFiles) {
    entries.forEach((entry, i) => {
      if (!entry) return
      const path: PathSegment[] = ['sources', i]
      if (entry.checkedOn > today) problems.push({ ...error('future-date', [...path, 'checkedOn'], `checkedOn ${entry.checkedOn} is in the future (today is ${today})`, 'write the day you read the page'), file })
      if (isShortener(entry.url)) problems.push({ ...error('link-shortener', [...path, 'url'], `${entry.url} is a shortened link`, 'vet the full address of the page'), file })
      const key = canonicalUrl(entry.url)
      const known = sources.get(key)
      if (!known) {
        sources.set(key, entry)
        origin.set(key, file)
        return
      }
      if (known.official !== entry.official) {
        problems.push({ ...warning('vetted-list', [...path, 'official'], `${entry.url} is also in ${origin.get(key)}, where official is ${known.official}`, 'agree on whether this publisher is official (State, public operator or independent authority)'), file })
      }
      sources.set(key, {
        ...known,
        checkedOn: entry.checkedOn > known.checkedOn ? entry.checkedOn : known.checkedOn,
        seen: SEEN_STRENGTH[entry.seen] > SEEN_STRENGTH[known.seen] ? entry.seen : known.seen,
      })
    })
  }
  for (const { file, phones: entries } of parsedFiles) {
    entries.forEach((entry, i) => {
      if (!entry) return
      const path: PathSegment[] = ['phones', i]
      if (!sources.has(canonicalUrl(entry.source))) problems.push({ ...error('vetted-list', [...path, 'source'], `the source of ${entry.number} (${entry.source}) is not a vetted page`, 'add the page that states the number and its cost to sources:'), file })
      if (isSurcharged(entry.number)) problems.push({ ...error('surcharged-number', [...path, 'number'], `${entry.number} is a surcharged number`, 'do not vet premium-rate numbers'), file })
      const known = phones.get(entry.number)
      if (!known) phones.set(entry.number, entry)
      else if (known.cost !== entry.cost) problems.push({ ...warning('vetted-list', [...path, 'cost'], `${entry.number} is vetted elsewhere with another cost (« ${known.cost} »)`, 'agree on the cost the official page states'), file })
    })
  }
  return { index: { sources, phones }, problems }
}

export interface TranslationCheck {
  file: TranslationFile | undefined
  status: TranslationStatus
  problems: Problem[]
}

/** Checks one translation file against its scenario; stale and obsolete strings are warnings. */
export function checkTranslation(raw: unknown, scenario: Scenario, locale: string): TranslationCheck {
  const french = translatableStrings(scenario)
  const parsed = TranslationFileSchema.safeParse(raw)
  if (!parsed.success) {
    return { file: undefined, status: translationStatus(french, undefined), problems: parsed.error.issues.map((issue) => ({ ...fromIssue(issue, raw), rule: 'translation' })) }
  }
  const problems: Problem[] = []
  if (parsed.data.scenario !== scenario.id) {
    problems.push(error('translation', ['scenario'], `says it translates "${parsed.data.scenario}"`, `set scenario: "${scenario.id}"`))
  }
  if (parsed.data.locale !== locale) {
    problems.push(error('translation', ['locale'], `says its locale is "${parsed.data.locale}" but lies in locales/${locale}/`, `set locale: "${locale}"`))
  }
  const status = translationStatus(french, parsed.data)
  // A translation keeps the French links (they are the vetted ones) and never names the method.
  for (const [key, text] of Object.entries(status.strings)) {
    const allowed = new Set(linksIn(french.get(key) ?? '').map(canonicalUrl))
    for (const url of linksIn(text)) {
      if (!allowed.has(canonicalUrl(url))) problems.push(error('translation', ['strings', key], `links to ${url}, which the French text does not`, 'keep exactly the links of the French text (they are the vetted ones)'))
    }
    if (/\bfalc\b/iu.test(text)) problems.push(error('falc', ['strings', key], 'says « FALC »', 'never name the method: say « simplified version »'))
  }
  for (const key of status.stale) {
    problems.push({ rule: 'translation', severity: 'warning', path: ['strings', key], message: 'stale: the French text changed since this was translated (French is shown meanwhile)', fix: 'update the text, clear its hash, then run the skeleton helper (docs/content-format.md)' })
  }
  for (const key of status.obsolete) {
    problems.push({ rule: 'translation', severity: 'warning', path: ['strings', key], message: 'obsolete: the scenario no longer has this string', fix: 'run the skeleton helper, which removes it' })
  }
  return { file: parsed.data, status, problems }
}
