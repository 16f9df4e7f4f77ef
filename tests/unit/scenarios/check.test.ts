// The content checker: one invalid fixture per rule, the valid fixture, the real content, and the CLI.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { loadScenarioContent } from '../../../scripts/vite-plugin-scenarios'
import { checkScenario, checkTranslation, formatPath } from '@/features/scenarios/check'
import { translationHash } from '@/features/scenarios/translations'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const fixtures = 'tests/unit/scenarios/fixtures'
const run = promisify(execFile)
const today = '2026-12-01'

describe('content checker', () => {
  it('accepts the valid fixture with no error', () => {
    const content = loadScenarioContent(root, { contentDir: `${fixtures}/valid`, localesDir: `${fixtures}/valid/locales`, today })
    expect(content.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(content.scenarios.map((s) => s.id)).toEqual(['exemple-parcours'])
  })

  const invalid = loadScenarioContent(root, { contentDir: `${fixtures}/invalid`, localesDir: `${fixtures}/invalid/locales`, today })
  const files = readdirSync(`${root}${fixtures}/invalid/scenarios`).map((name) => name.replace(/\.yaml$/, ''))

  it('has one invalid fixture per error rule', () => {
    expect(files.sort()).toEqual(
      [
        'duplicate-step', 'falls-off-end', 'id-mismatch', 'markup', 'missing-illustration', 'no-exit', 'schema', 'source-incomplete', 'theme-combination', 'unknown-digcomp', 'unknown-step', 'unknown-theme', 'unreachable-step',
        'unvetted-url', 'link-shortener', 'insecure-link', 'surcharged-number', 'unvetted-phone', 'future-date', 'expired-date', 'source-date', 'weak-sources',
        'step-length', 'easy-read-length', 'falc', 'duplicate-choice', 'endings', 'refer-contact', 'admin-theme-missing', 'main-themes', 'illustration-size',
      ].sort(),
    )
    expect(invalid.scenarios).toEqual([])
    expect(invalid.problems.filter((p) => p.file.includes('/sources/'))).toEqual([])
  })

  it.each(files)('rejects %s with exactly that rule', (rule) => {
    const problems = invalid.problems.filter((p) => p.file.endsWith(`/${rule}.yaml`))
    expect(problems.length).toBeGreaterThan(0)
    expect(new Set(problems.map((p) => p.rule))).toEqual(new Set([rule]))
    expect(problems.every((p) => p.severity === 'error' && p.fix.length > 0)).toBe(true)
  })

  const warnings = loadScenarioContent(root, { contentDir: `${fixtures}/warnings`, localesDir: `${fixtures}/warnings/locales`, today })
  const warningFiles = readdirSync(`${root}${fixtures}/warnings/scenarios`).map((name) => name.replace(/\.yaml$/, ''))

  it('has one fixture per warning rule, each still a valid scenario', () => {
    expect(warningFiles.sort()).toEqual(['agent-note', 'easy-read-sentence', 'old-date', 'phone-cost', 'step-length', 'unvetted-phone'])
    expect(warnings.scenarios).toHaveLength(warningFiles.length)
  })

  it.each(warningFiles)('warns about %s with exactly that rule', (rule) => {
    const problems = warnings.problems.filter((p) => p.file.endsWith(`/${rule}.yaml`))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ rule, severity: 'warning' })
  })

  it('rejects a broken vetted list, keeping its good entries', () => {
    const content = loadScenarioContent(root, { contentDir: `${fixtures}/invalid-sources`, localesDir: `${fixtures}/invalid-sources/locales`, today })
    expect(content.problems.map((p) => [p.rule, formatPath(p.path)])).toEqual([
      ['vetted-list', 'sources[0].seen'],
      ['future-date', 'sources[1].checkedOn'],
      ['vetted-list', 'phones[0].source'],
    ])
    expect(content.problems.every((p) => p.severity === 'error' && p.line !== undefined)).toBe(true)
    expect([...content.vetted.sources.keys()]).toEqual(['https://example.org/futur'])
  })

  it('reports every problem of a file in one run, schema errors included', () => {
    const raw = {
      id: 'x', version: 1, summary: 'Un résumé.', audiences: ['self'], minutes: 5, level: 'first-steps', themes: ['email'], mainThemes: ['email'], digcomp: ['2.1'], devices: ['any'],
      sources: [{ title: 'Source', url: 'https://example.org/inconnue', checkedOn: '2099-01-01' }], reviewedOn: '2026-11-01',
      steps: [
        { id: 'a', title: 'A', body: 'Un texte court.', easyRead: 'Un texte beaucoup plus long que le texte normal, en FALC.', checkpoint: { question: 'Alors ?', easyRead: 'Alors ?', choices: [{ label: 'Oui', easyRead: 'Oui', next: 'b' }, { label: 'Oui', easyRead: 'Oui', next: 'ailleurs' }] } },
        { id: 'b', title: 'B', body: 'Fin.', outcome: 'done' },
      ],
    }
    const result = checkScenario(raw, { fileId: 'x', mediaFiles: new Set(), today })
    const rules = new Set(result.problems.map((p) => p.rule))
    for (const rule of ['schema', 'unknown-step', 'unvetted-url', 'future-date', 'weak-sources', 'easy-read-length', 'falc', 'duplicate-choice', 'endings'] as const) expect(rules).toContain(rule)
    expect(result.problems.find((p) => formatPath(p.path) === 'title')).toMatchObject({ rule: 'schema' })
    expect(result.problems.find((p) => formatPath(p.path) === 'steps[1].easyRead')).toMatchObject({ rule: 'schema', message: 'required field "easyRead" is missing' })
  })

  it('refuses a translation that adds a link or says « FALC »', () => {
    const valid = loadScenarioContent(root, { contentDir: `${fixtures}/valid`, localesDir: `${fixtures}/valid/locales`, today })
    const scenario = valid.scenarios[0]
    if (!scenario) throw new Error('the valid fixture is missing')
    const body = scenario.steps.find((step) => step.id === 'orienter')?.body ?? ''
    const title = scenario.title
    const file = {
      scenario: scenario.id,
      locale: 'en',
      strings: {
        'steps.orienter.body': { hash: translationHash(body), text: 'Ask for help: [the map](https://example.org/carte) or [this site](https://bit.ly/x).' },
        title: { hash: translationHash(title), text: 'Open your mailbox (FALC version)' },
      },
    }
    const problems = checkTranslation(file, scenario, 'en').problems.filter((p) => p.severity === 'error')
    expect(problems.map((p) => [p.rule, formatPath(p.path)])).toEqual([
      ['falc', 'strings.title'],
      ['translation', 'strings.steps.orienter.body'],
    ])
  })

  it('takes the date rules from the real date unless told', () => {
    const raw = { reviewedOn: '2099-01-01', steps: [] }
    expect(checkScenario(raw, { fileId: 'x', mediaFiles: new Set() }).problems.some((p) => p.rule === 'future-date')).toBe(true)
    expect(checkScenario(raw, { fileId: 'x', mediaFiles: new Set(), today: '2099-01-02' }).problems.some((p) => p.rule === 'future-date')).toBe(false)
  })

  it('warns after 6 months for an administrative procedure, after 12 otherwise', () => {
    const dated = (themes: string[], reviewedOn: string) => checkScenario({ themes, reviewedOn, steps: [] }, { fileId: 'x', mediaFiles: new Set(), today }).problems.filter((p) => p.path[0] === 'reviewedOn').map((p) => `${p.severity} ${p.rule}`)
    expect(dated(['email'], '2026-04-01')).toEqual([])
    expect(dated(['aide_aux_demarches_administratives', 'argent_impots'], '2026-04-01')).toEqual(['warning old-date'])
    expect(dated(['email'], '2025-11-15')).toEqual(['warning old-date'])
    expect(dated(['email'], '2025-05-15')).toEqual(['error expired-date'])
  })

  it('locates a wrong choice by its path and line', () => {
    const [problem] = invalid.problems.filter((p) => p.rule === 'unknown-step')
    expect(formatPath(problem?.path ?? [])).toBe('steps[0].checkpoint.choices[1].next')
    expect(problem?.line).toBe(33)
    expect(problem?.message).toContain('nulle-part')
  })

  it('names the loop with no way out', () => {
    const [problem] = invalid.problems.filter((p) => p.rule === 'no-exit')
    expect(problem?.message).toContain('"boucle-a", "boucle-b"')
  })

  it('suggests the closest theme id', () => {
    const [problem] = invalid.problems.filter((p) => p.rule === 'unknown-theme')
    expect(problem?.fix).toContain('securite_numerique')
  })

  it('reports a missing field by its path', () => {
    const result = checkScenario({ id: 'x' }, { fileId: 'x', mediaFiles: new Set() })
    expect(result.scenario).toBeUndefined()
    expect(result.problems.find((p) => formatPath(p.path) === 'title')).toMatchObject({ rule: 'schema', message: 'required field "title" is missing' })
  })

  it('reports a YAML syntax error with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-content-'))
    mkdirSync(join(dir, 'scenarios'))
    writeFileSync(join(dir, 'scenarios', 'casse.yaml'), 'id: casse\nsteps:\n  - id: a\n   title: mal indenté\n')
    const content = loadScenarioContent(root, { contentDir: dir, localesDir: join(dir, 'locales') })
    expect(content.problems).toHaveLength(1)
    expect(content.problems[0]).toMatchObject({ rule: 'schema', line: 4 })
    expect(content.problems[0]?.message).toMatch(/^YAML syntax/)
  })

  it('accepts every real scenario in content/scenarios', () => {
    const content = loadScenarioContent(root)
    const errors = content.problems.filter((p) => p.severity === 'error')
    expect(errors.map((p) => `${p.file}: ${formatPath(p.path)} ${p.message}`)).toEqual([])
    const yamlFiles = readdirSync(`${root}content/scenarios`).filter((name) => name.endsWith('.yaml'))
    expect(content.scenarios).toHaveLength(yamlFiles.length)
  })

  it('exits non-zero on invalid content and zero on valid content', async () => {
    const cli = ['tsx', 'scripts/content-check.ts']
    const bad = await run('npx', [...cli, '--today', today, '--content', `${fixtures}/invalid`, '--locales', `${fixtures}/invalid/locales`], { cwd: root }).then(
      () => 0,
      (failure: { code: number; stdout: string }) => {
        expect(failure.stdout).toContain('steps[0].checkpoint.choices[1].next')
        return failure.code
      },
    )
    expect(bad).toBe(1)
    const good = await run('npx', [...cli, '--today', today, '--content', `${fixtures}/valid`, '--locales', `${fixtures}/valid/locales`], { cwd: root })
    expect(good.stdout).toContain('en: 30% of what a person sees (86/278 words); agent notes 0% (0/11 words); 1 stale')
    expect(good.stdout).toContain('steps.ouvrir.title')
  }, 30_000)
})
