// Once per run of the server tests: one initialised PGlite folder that each test copies instead
// of running PGlite's initdb itself (3.5 s and ~850 MB each time; a copy opens in ~0.4 s).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { createPgliteTemplate } from './start-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** An initialised, not yet migrated PGlite data folder: copy it, never open it in place. */
    pgliteTemplateDir: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'tandem-server-tests-'))
  const dir = join(root, 'pglite')
  await createPgliteTemplate(dir)
  project.provide('pgliteTemplateDir', dir)
  return () => rm(root, { recursive: true, force: true })
}
