// "Deploys" a new version for the update tests: a fresh production build of the app, with its
// own build stamp, copied over the folder a running server serves.
import { cpSync, mkdtempSync, rmSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { DEFAULT_STATIC_DIR } from './start-server'

/** A private copy of the current build (dist/, or TEST_STATIC_DIR), for a server whose files a test will replace. */
export function copyBuild(from = DEFAULT_STATIC_DIR): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-static-'))
  cpSync(from, dir, { recursive: true })
  return dir
}

/** Builds the app with a new build id and swaps it into `staticDir`; returns the new version's id. */
export function deployNewBuild(staticDir: string, buildId = `e2e-${Date.now()}`): string {
  const outDir = mkdtempSync(join(tmpdir(), 'tandem-build-'))
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, TANDEM_BUILD_ID: buildId },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (const entry of readdirSync(staticDir)) rmSync(join(staticDir, entry), { recursive: true, force: true })
  cpSync(outDir, staticDir, { recursive: true })
  rmSync(outDir, { recursive: true, force: true })
  return buildId
}
