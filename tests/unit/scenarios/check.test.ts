// The content checker: one invalid fixture per rule, the valid fixture, the real content, and the CLI.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { loadScenarioContent } from '../../../scripts/vite-plugin-scenarios'
import { checkScenario, formatPath } from '@/features/scenarios/check'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const fixtures = 'tests/unit/scenarios/fixtures'
const run = promisify(execFile)

describe('content checker', () => {
  it('accepts the valid fixture with no error', () => {
    const content = loadScenarioContent(root, { contentDir: `${fixtures}/valid`, localesDir: `${fixtures}/valid/locales` })
    expect(content.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(content.scenarios.map((s) => s.id)).toEqual(['exemple-parcours'])
  })

  const invalid = loadScenarioContent(root, { contentDir: `${fixtures}/invalid`, localesDir: `${fixtures}/invalid/locales` })
  const files = readdirSync(`${root}${fixtures}/invalid/scenarios`).map((name) => name.replace(/\.yaml$/, ''))

  it('has one invalid fixture per rule', () => {
    expect(files.sort()).toEqual(
      ['duplicate-step', 'falls-off-end', 'id-mismatch', 'markup', 'missing-illustration', 'no-exit', 'schema', 'source-incomplete', 'theme-combination', 'unknown-digcomp', 'unknown-step', 'unknown-theme', 'unreachable-step'].sort(),
    )
    expect(invalid.scenarios).toEqual([])
  })

  it.each(files)('rejects %s with exactly that rule', (rule) => {
    const problems = invalid.problems.filter((p) => p.file.endsWith(`/${rule}.yaml`))
    expect(problems.length).toBeGreaterThan(0)
    expect(new Set(problems.map((p) => p.rule))).toEqual(new Set([rule]))
    expect(problems.every((p) => p.severity === 'error' && p.fix.length > 0)).toBe(true)
  })

  it('locates a wrong choice by its path and line', () => {
    const [problem] = invalid.problems.filter((p) => p.rule === 'unknown-step')
    expect(formatPath(problem?.path ?? [])).toBe('steps[0].checkpoint.choices[1].next')
    expect(problem?.line).toBe(27)
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
    const bad = await run('npx', [...cli, '--content', `${fixtures}/invalid`, '--locales', `${fixtures}/invalid/locales`], { cwd: root }).then(
      () => 0,
      (failure: { code: number; stdout: string }) => {
        expect(failure.stdout).toContain('steps[0].checkpoint.choices[1].next')
        return failure.code
      },
    )
    expect(bad).toBe(1)
    const good = await run('npx', [...cli, '--content', `${fixtures}/valid`, '--locales', `${fixtures}/valid/locales`], { cwd: root })
    expect(good.stdout).toContain('en: 31% translated (9/29 strings), 1 stale')
    expect(good.stdout).toContain('steps.ouvrir.title')
  }, 30_000)
})
