// Starts the production server once for the end-to-end suite (the build must exist: `npm test`
// builds before this suite; run `npm run build` first when calling vitest directly).
import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { startServer } from './start-server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('dist/index.html') || !existsSync('dist-server/server/src/main.js')) {
    throw new Error('The production build is missing: run `npm run build` before the end-to-end tests.')
  }
  const server = await startServer({})
  project.provide('baseURL', server.url)
  return () => server.stop()
}
