// Once per run of the server tests: the initialised PGlite folder that each test copies instead
// of running PGlite's initdb itself (3.5 s and ~850 MB each time; a copy opens in ~0.4 s).
import type { TestProject } from 'vitest/node'
import { pgliteTemplateDir } from './start-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** An initialised, not yet migrated PGlite data folder: copy it, never open it in place. */
    pgliteTemplateDir: string
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplateDir', await pgliteTemplateDir())
}
