// The real scenario library (content/scenarios) against issue 13: every national theme and
// every civic topic is covered, and every scenario has sources, a review date, an ending where
// it worked and an ending that gets the person help. Reads the files leniently, so one broken
// scenario does not hide what the rest of the library covers.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ADMIN_THEMES, THEMES } from '@/schemas/lists'
import { CIVIC_TOPICS } from '@/features/scenarios/taxonomy'

const dir = fileURLToPath(new URL('../../../content/scenarios/', import.meta.url))

interface Loose {
  id?: string
  themes?: string[]
  civicTopics?: string[]
  sources?: { url?: string }[]
  reviewedOn?: string
  steps?: { outcome?: string }[]
}

const library = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({ name, scenario: parse(readFileSync(`${dir}${name}`, 'utf8')) as Loose }))

const covered = (field: 'themes' | 'civicTopics') => new Set(library.flatMap(({ scenario }) => scenario[field] ?? []))

describe('the scenario library', () => {
  it('has at least 36 scenarios', () => {
    expect(library.length).toBeGreaterThanOrEqual(36)
  })

  it('covers every mediation theme of the national list', () => {
    const themes = covered('themes')
    expect(THEMES.filter((theme) => !themes.has(theme))).toEqual([])
  })

  it('covers every administrative theme of the national list', () => {
    const themes = covered('themes')
    expect(ADMIN_THEMES.filter((theme) => !themes.has(theme))).toEqual([])
  })

  it('covers every civic topic of the CESE opinion', () => {
    const topics = covered('civicTopics')
    expect(CIVIC_TOPICS.filter((topic) => !topics.has(topic))).toEqual([])
  })

  it.each(library.map(({ name, scenario }) => [name, scenario] as const))('%s has sources, a review date, a done ending and a help ending', (_, scenario) => {
    expect(scenario.sources?.filter((source) => typeof source.url === 'string').length ?? 0).toBeGreaterThan(0)
    expect(String(scenario.reviewedOn ?? '')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const outcomes = new Set((scenario.steps ?? []).map((step) => step.outcome))
    expect(outcomes.has('done')).toBe(true)
    expect(outcomes.has('needs-help') || outcomes.has('refer')).toBe(true)
  })
})
