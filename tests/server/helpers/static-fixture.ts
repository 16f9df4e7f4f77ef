// A tiny stand-in for vite's dist/: the file kinds whose caching and fallback rules differ.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const INDEX_HTML = '<!doctype html><html lang="fr"><head><title>Tandem</title></head><body><div id="app"></div></body></html>'
/** Large and repetitive, like a real bundle: well above the compression threshold. */
export const LARGE_ASSET = `export const steps = [${Array.from({ length: 2000 }, (_, i) => `"step ${i}"`).join(',')}]\n`
export const HASHED_ASSET_PATH = '/assets/index-Dk3x9a1B.js'

export interface StaticFixtureOptions {
  withIndex?: boolean
}

export async function createStaticFixture(options: StaticFixtureOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-static-fixture-'))
  await mkdir(join(dir, 'assets'))
  if (options.withIndex ?? true) await writeFile(join(dir, 'index.html'), INDEX_HTML)
  await writeFile(join(dir, HASHED_ASSET_PATH), LARGE_ASSET)
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("install", () => self.skipWaiting())\n')
  await writeFile(join(dir, 'registerSW.js'), 'navigator.serviceWorker.register("/sw.js")\n')
  await writeFile(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Tandem', start_url: '/' }))
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  return dir
}
