// The compiled server, run the way `npm start` runs it: built with the same steps as
// "build:server" (into a private folder, so a concurrent build of dist-server/ is not disturbed),
// started as a child process through tests/support/start-server.ts.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LOCK_FILE_NAME } from '../../server/src/db/lock.ts'
import { loadMigrations } from '../../server/src/db/migrate.ts'
import { pgliteDir } from '../../server/src/db/pglite.ts'
import { REPO_ROOT, startServer, type RunningServer } from '../support/start-server.ts'
import { databaseTargets } from './helpers/databases.ts'
import { createStaticFixture, INDEX_HTML } from './helpers/static-fixture.ts'

/** The schema version a freshly migrated database reports: the number of migrations. */
const SCHEMA_VERSION = (await loadMigrations()).length

const run = promisify(execFile)
const HTML = 'text/html,application/xhtml+xml'

let buildDir: string
let entry: string
let staticDir: string

beforeAll(async () => {
  // Inside the repository, so the compiled files resolve node_modules as dist-server/ does.
  buildDir = await mkdtemp(join(REPO_ROOT, '.tmp', 'server-build-'))
  await run(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json', '--outDir', buildDir], {
    cwd: REPO_ROOT,
  })
  await run(process.execPath, ['scripts/copy-migrations.mjs', buildDir], { cwd: REPO_ROOT })
  entry = join(buildDir, 'server', 'src', 'main.js')
  staticDir = await createStaticFixture()
}, 120_000)

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true })
  await rm(staticDir, { recursive: true, force: true })
})

/** Runs the built server on a data folder another server holds; resolves with its exit and output. */
async function secondServer(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, output }
}

describe('the built server on PGlite', () => {
  it('finds its migrations, serves the app and the API, logs every request, and stops cleanly', async () => {
    const server = await startServer({ staticDir, entry })
    try {
      const health = await fetch(`${server.url}/api/health`)
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite', schemaVersion: SCHEMA_VERSION, version: expect.any(String) })

      const page = await fetch(`${server.url}/some/route`, { headers: { accept: HTML } })
      expect(page.status).toBe(200)
      expect(await page.text()).toBe(INDEX_HTML)
      expect((await fetch(`${server.url}/api/nothing-here`)).status).toBe(404)

      // The completion line is written just after the answer: give it a moment.
      await expect.poll(() => server.requests()).toEqual(
        expect.arrayContaining([
          { method: 'GET', url: '/api/health', statusCode: 200 },
          { method: 'GET', url: '/some/route', statusCode: 200 },
          { method: 'GET', url: '/api/nothing-here', statusCode: 404 },
        ]),
      )
      const ready = server.logs().find((line) => line.msg === `Tandem is ready at ${server.url}`)
      expect(ready).toMatchObject({ level: 30, database: 'pglite', schemaVersion: SCHEMA_VERSION, startupMs: expect.any(Number) })
    } finally {
      await server.stop()
    }
    expect(server.logs().at(-1)).toMatchObject({ msg: 'Stopped' })
  })

  it('refuses a second server on the same data folder, with a clear message', async () => {
    const server = await startServer({ staticDir, entry })
    try {
      const second = await secondServer(server.dataDir)
      expect(second.code).toBe(1)
      expect(second.output).toContain(`Another Tandem server (pid ${server.pid}) is using this data folder`)
      // The first one is untouched.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    } finally {
      await server.stop()
    }
  })

  it('releases its lock on SIGTERM, and a restart finds the data already migrated', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-restart-'))
    try {
      const first = await startServer({ staticDir, entry, dataDir })
      expect(first.logs()).toContainEqual(expect.objectContaining({ msg: 'Applied migration 1 (foundation)' }))
      await first.stop()
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false)

      const second = await startServer({ staticDir, entry, dataDir })
      await second.stop()
      expect(second.logs().filter((line) => String(line.msg).startsWith('Applied migration'))).toEqual([])
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('restarts after a crash, taking over the stale lock', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-crash-'))
    try {
      const crashed = await startServer({ staticDir, entry, dataDir })
      await crashed.kill()
      expect(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')).toBe(`${crashed.pid}\n`)

      const restarted = await startServer({ staticDir, entry, dataDir })
      expect(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')).toBe(`${restarted.pid}\n`)
      await restarted.stop()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('reports a port already in use and releases the data folder', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const address = blocker.address()
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-port-'))
    try {
      if (address === null || typeof address === 'string') throw new Error('the blocker has no port')
      await cp(inject('pgliteTemplateDir'), pgliteDir(dataDir), { recursive: true })
      const child = spawn(process.execPath, [entry], {
        cwd: REPO_ROOT,
        env: { ...process.env, PORT: String(address.port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      expect(code).toBe(1)
      expect(output).toMatch(/Tandem could not start: .*EADDRINUSE/)
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false)
    } finally {
      blocker.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})

const postgres = databaseTargets.filter((target) => target.kind === 'postgresql')

describe.each(postgres)('the built server on PostgreSQL', (target) => {
  it('starts several instances on one database at once, keeping no lock or data locally', async () => {
    const database = await target.create()
    const databaseUrl = database.options.databaseUrl
    if (databaseUrl === undefined) throw new Error('a PostgreSQL target has a URL')
    let servers: RunningServer[] = []
    try {
      servers = await Promise.all(
        Array.from({ length: 3 }, () => startServer({ staticDir, entry, env: { DATABASE_URL: databaseUrl } })),
      )
      for (const server of servers) {
        const health = await fetch(`${server.url}/api/health`)
        expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgresql', schemaVersion: SCHEMA_VERSION })
        expect(existsSync(join(server.dataDir, LOCK_FILE_NAME))).toBe(false)
        expect(existsSync(join(server.dataDir, 'pglite'))).toBe(false)
      }
      const applied = servers.flatMap((server) => server.logs().filter((line) => line.msg === 'Applied migration 1 (foundation)'))
      expect(applied).toHaveLength(1)
    } finally {
      await Promise.all(servers.map((server) => server.stop()))
      await database.destroy()
    }
  })
})
