// End-to-end helpers for tests that need a structure: a server data folder seeded with the
// admin CLI (run before the server starts, since both take the folder's lock), and logging an
// accompaniment through the form as an agent would.
import { execFileSync } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { pgliteTemplateDir, REPO_ROOT } from './start-server'
import { pgliteDir } from '../../server/src/db/pglite.ts'

export interface SeededDataDir {
  dataDir: string
  /** `npm run admin -- <args> --json` on this folder; its JSON answer. */
  admin(...args: string[]): Record<string, string>
  remove(): Promise<void>
}

export async function seededDataDir(prefix: string): Promise<SeededDataDir> {
  const dataDir = await mkdtemp(join(tmpdir(), `tandem-e2e-${prefix}-`))
  await cp(await pgliteTemplateDir(), pgliteDir(dataDir), { recursive: true })
  return {
    dataDir,
    admin(...args) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', ...args, '--json'], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      })
      return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, string>
    },
    remove: () => rm(dataDir, { recursive: true, force: true }),
  }
}

/** Logs a common accompaniment (30 min, e-mail, solved, autonomous) with these notes; its id. */
export async function logAccompaniment(page: Page, notes: string): Promise<string> {
  await page.goto('/accompaniments/new')
  const chip = (value: string) => page.locator(`button.chip[data-value="${value}"]`)
  await chip('30').click()
  await chip('email').click()
  await chip('resolu').click()
  await chip('autonome').click()
  await page.locator('textarea[id$="-notes"]').fill(notes)
  await page.getByTestId('save').click()
  await page.getByTestId('saved-status').getByText('Enregistré').waitFor()
  return new URL(page.url()).pathname.split('/').at(-1) as string
}
