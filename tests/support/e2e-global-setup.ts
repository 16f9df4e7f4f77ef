// Starts the production server once for the end-to-end suite (the build must exist: `npm test`
// builds before this suite; run `npm run build` first when calling vitest directly).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEFAULT_SERVER_ENTRY, DEFAULT_STATIC_DIR, startServer } from './start-server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // dist/ and dist-server/ unless TEST_STATIC_DIR / TEST_SERVER_ENTRY name another build.
  if (!existsSync(join(DEFAULT_STATIC_DIR, 'index.html')) || !existsSync(DEFAULT_SERVER_ENTRY)) {
    throw new Error(
      `The production build is missing (${DEFAULT_STATIC_DIR}, ${DEFAULT_SERVER_ENTRY}): run \`npm run build\` before the end-to-end tests.`,
    )
  }
  const server = await startServer({})
  project.provide('baseURL', server.url)
  return () => server.stop()
}
