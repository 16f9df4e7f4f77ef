// `npm run content:check`: checks every scenario and translation file, prints each problem with
// its file, line, path in the file and what to do, reports translation coverage per locale, and
// exits non-zero on any error (stale translations are warnings: French is shown meanwhile).
//
//   npx tsx scripts/content-check.ts                        check everything
//   npx tsx scripts/content-check.ts --skeleton en [id …]   create or update translation files
//   options: --content <dir> (default content)  --locales <dir> (default locales)
//            --today YYYY-MM-DD (the date rules' today; default: the real date)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { TranslationFileSchema, type TranslationFile } from '../src/features/scenarios/format.ts'
import { translationSkeleton } from '../src/features/scenarios/translations.ts'
import { coverageReport, formatProblem, loadScenarioContent, type LoadedContent } from './vite-plugin-scenarios.ts'

interface Args {
  contentDir?: string
  localesDir?: string
  today?: string
  skeleton?: { locale: string; ids: string[] }
}

function parseArgs(argv: string[]): Args {
  const args: Args = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--content') args.contentDir = argv[++i]
    else if (arg === '--locales') args.localesDir = argv[++i]
    else if (arg === '--today') {
      args.today = argv[++i]
      if (!args.today || !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new Error('--today needs a date written YYYY-MM-DD')
    }
    else if (arg === '--skeleton') {
      const locale = argv[++i]
      if (!locale || !/^[a-z]{2}$/.test(locale) || locale === 'fr') throw new Error('--skeleton needs a locale other than fr, e.g. --skeleton en')
      args.skeleton = { locale, ids: [] }
    } else if (args.skeleton && arg && !arg.startsWith('-')) args.skeleton.ids.push(arg)
    else throw new Error(`unknown argument ${arg}`)
  }
  return args
}

function writeSkeletons(root: string, content: LoadedContent, localesDir: string, locale: string, ids: string[]): void {
  const wanted = ids.length > 0 ? ids : content.scenarios.map((scenario) => scenario.id)
  for (const id of wanted) {
    const scenario = content.scenarios.find((s) => s.id === id)
    if (!scenario) {
      console.error(`no valid scenario "${id}" (fix its errors first)`)
      process.exitCode = 1
      continue
    }
    const dir = join(localesDir, locale, 'scenarios')
    const path = join(dir, `${id}.json`)
    let existing: TranslationFile | undefined
    if (existsSync(path)) {
      const parsed = TranslationFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
      if (!parsed.success) {
        console.error(`${relative(root, path)} is malformed; fix it by hand first`)
        process.exitCode = 1
        continue
      }
      existing = parsed.data
    }
    mkdirSync(dir, { recursive: true })
    writeFileSync(path, `${JSON.stringify(translationSkeleton(scenario, locale, existing), null, 2)}\n`)
    console.log(`${existing ? 'updated' : 'created'} ${relative(root, path)}`)
  }
}

function main(): void {
  const root = process.cwd()
  const args = parseArgs(process.argv.slice(2))
  const content = loadScenarioContent(root, { contentDir: args.contentDir, localesDir: args.localesDir, today: args.today })
  if (args.skeleton) {
    writeSkeletons(root, content, resolve(root, args.localesDir ?? 'locales'), args.skeleton.locale, args.skeleton.ids)
    return
  }
  const errors = content.problems.filter((problem) => problem.severity === 'error')
  const warnings = content.problems.filter((problem) => problem.severity === 'warning')
  for (const problem of [...errors, ...warnings]) console.log(formatProblem(problem))
  console.log(`\n${content.scenarios.length} valid scenario(s); ${errors.length} error(s), ${warnings.length} warning(s).`)
  console.log('Translation coverage:')
  for (const line of coverageReport(content)) console.log(`  ${line}`)
  if (errors.length > 0) process.exitCode = 1
}

main()
