// Content rules of scenario files, as pure functions of parsed data: the checker CLI, the Vite
// plugin and the tests all call these. Each problem names the rule, the path in the file
// (steps[3].checkpoint.choices[1].next) and what the writer should do about it.
import type { z } from 'zod'
import { ScenarioSchema, TranslationFileSchema, type Scenario, type TranslationFile } from './format.ts'
import { checkGraph, type StepLinks } from './graph.ts'
import { findMarkupProblems } from './markdown.ts'
import { DIGCOMP_CODES, THEMES, isAdministrativeTheme } from './taxonomy.ts'
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
    const guess = closest(String(value), THEMES)
    return error('unknown-theme', path, `"${String(value)}" is not a theme of the national activity report`, `use one of the ids in shared/reference/national-activity-report.md${guess ? ` (did you mean "${guess}"?)` : ''}`)
  }
  if (path[0] === 'digcomp' && issue.code === 'invalid_value') {
    return error('unknown-digcomp', path, `"${String(value)}" is not a DigComp 2.2 competence code`, `use a code from ${DIGCOMP_CODES[0]} to ${DIGCOMP_CODES[DIGCOMP_CODES.length - 1]}, quoted ("2.1"), see shared/reference/digcomp.md`)
  }
  if (path[0] === 'sources' && (path[2] === 'url' || path[2] === 'checkedOn')) {
    const what = path[2] === 'url' ? 'address (url: https://…)' : 'date it was last checked (checkedOn: YYYY-MM-DD)'
    return error('source-incomplete', path, value === undefined ? `this source has no ${what}` : `${issue.message}`, `give every source its ${what}`)
  }
  if (issue.code === 'unrecognized_keys') {
    return error('schema', path, `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`, 'check the spelling against src/features/scenarios/format.ts (field names are case-sensitive)')
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

export interface ScenarioCheckContext {
  /** The file name without extension; the scenario id must equal it. */
  fileId: string
  /** File names present in content/media/. */
  mediaFiles: ReadonlySet<string>
}

export interface ScenarioCheck {
  /** The parsed scenario, when it passes the schema (graph or media errors may remain). */
  scenario: Scenario | undefined
  problems: Problem[]
}

/** Every problem of one scenario file's parsed YAML. */
export function checkScenario(raw: unknown, context: ScenarioCheckContext): ScenarioCheck {
  const problems: Problem[] = []
  const parsed = ScenarioSchema.safeParse(raw)
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => fromIssue(issue, raw)))

  const id = valueAt(raw, ['id'])
  if (typeof id === 'string' && id !== context.fileId) {
    problems.push(error('id-mismatch', ['id'], `id "${id}" differs from the file name "${context.fileId}.yaml"`, `rename the file to ${id}.yaml or set id: ${context.fileId}`))
  }

  const links = stepLinks(raw)
  if (links) problems.push(...graphProblems(links))

  const scenario = parsed.success ? parsed.data : undefined
  if (scenario) {
    const admin = scenario.themes.filter(isAdministrativeTheme)
    if (admin.length > 0 && !scenario.themes.includes('aide_aux_demarches_administratives')) {
      problems.push(error('theme-combination', ['themes'], `administrative theme${admin.length > 1 ? 's' : ''} ${admin.join(', ')} without aide_aux_demarches_administratives`, 'add aide_aux_demarches_administratives to themes (the national report only takes administrative themes with it)'))
    }
    scenario.steps.forEach((step, index) => {
      if (step.illustration && !context.mediaFiles.has(step.illustration)) {
        problems.push(error('missing-illustration', ['steps', index, 'illustration'], `content/media/${step.illustration} does not exist`, 'add the SVG to content/media/ or fix the file name'))
      }
      const texts: [PathSegment[], string | undefined][] = [
        [['body'], step.body], [['tip'], step.tip], [['warning'], step.warning], [['agentNote'], step.agentNote], [['easyRead'], step.easyRead],
      ]
      for (const [field, value] of texts) {
        for (const message of value ? findMarkupProblems(value) : []) {
          problems.push(error('markup', ['steps', index, ...field], message, 'keep to the Markdown subset of docs/content-format.md'))
        }
      }
    })
  }
  return { scenario: problems.some((p) => p.severity === 'error') ? undefined : scenario, problems }
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
  for (const key of status.stale) {
    problems.push({ rule: 'translation', severity: 'warning', path: ['strings', key], message: 'stale: the French text changed since this was translated (French is shown meanwhile)', fix: 'update the text, clear its hash, then run the skeleton helper (docs/content-format.md)' })
  }
  for (const key of status.obsolete) {
    problems.push({ rule: 'translation', severity: 'warning', path: ['strings', key], message: 'obsolete: the scenario no longer has this string', fix: 'run the skeleton helper, which removes it' })
  }
  return { file: parsed.data, status, problems }
}
