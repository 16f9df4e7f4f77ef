// Runs the BUILT server (node dist-server/server/src/main.js) as a child process for end-to-end
// tests: a free port, a fresh data folder, every request recorded from its JSON log, and a
// clean stop. Also home of the PGlite template that spares each start PGlite's slow initdb.
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { pgliteDir } from '../../server/src/db/pglite.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BUILT_SERVER_ENTRY = join(REPO_ROOT, 'dist-server', 'server', 'src', 'main.js')
/**
 * The build the harness serves when a caller names none: dist/ and dist-server/ by default;
 * TEST_STATIC_DIR and TEST_SERVER_ENTRY point the e2e suite and the benchmarks at another build
 * (e.g. `vite build --outDir /tmp/x`) without touching the shared dist/.
 */
export const DEFAULT_STATIC_DIR = resolve(REPO_ROOT, process.env.TEST_STATIC_DIR || 'dist')
export const DEFAULT_SERVER_ENTRY = process.env.TEST_SERVER_ENTRY ? resolve(process.env.TEST_SERVER_ENTRY) : BUILT_SERVER_ENTRY

export interface StartServerOptions {
  /** The built app to serve; DEFAULT_STATIC_DIR (the repository's dist/) by default. */
  staticDir?: string
  /** Extra environment (DATABASE_URL, LOG_LEVEL, HTTPS_ONLY…); PORT, HOST and DATA_DIR are set here. */
  env?: Record<string, string>
  /** The compiled entry to run; DEFAULT_SERVER_ENTRY (dist-server/server/src/main.js) by default. */
  entry?: string
  /**
   * Reuse this data folder (a restart after stop() or kill()); it is then the caller's to
   * remove. By default each start gets a fresh folder, removed by stop().
   */
  dataDir?: string
}

export interface RecordedRequest {
  method: string
  url: string
  statusCode: number
}

export interface RunningServer {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string
  /** Every request the server completed so far, in order (the readiness probes included). */
  requests: () => RecordedRequest[]
  /** Every JSON log line so far. */
  logs: () => Array<Record<string, unknown>>
  /** The server's data folder (removed by stop/kill unless it was given in the options). */
  dataDir: string
  /** The server process id. */
  pid: number
  /** SIGTERM, then waits for the exit; rejects when the server did not stop cleanly (exit code ≠ 0). */
  stop: () => Promise<void>
  /** SIGKILL (a crash: nothing is closed, the lock file stays), then waits for the exit. */
  kill: () => Promise<void>
}

const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const entry = options.entry ?? DEFAULT_SERVER_ENTRY
  if (!existsSync(entry)) {
    throw new Error(`No built server at ${entry}: run "npm run build:server" (or "npm run build") first.`)
  }
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tandem-server-data-')))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'info',
    STATIC_DIR: options.staticDir === undefined ? DEFAULT_STATIC_DIR : resolve(REPO_ROOT, options.staticDir),
    ...options.env,
    // Port 0: the system picks a free port and the server logs the one it got.
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
  }
  if (!env.DATABASE_URL && !existsSync(pgliteDir(dataDir))) {
    await cp(await pgliteTemplateDir(), pgliteDir(dataDir), { recursive: true })
  }

  const child = spawn(process.execPath, [entry], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const removeDataDir = () => (ownsDataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve())
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)))
  const logLines: Array<Record<string, unknown>> = []
  const recorded: RecordedRequest[] = []
  const output: string[] = []
  let announceUrl: (url: string) => void = () => {}
  const announced = new Promise<string>((resolveUrl) => (announceUrl = resolveUrl))

  createInterface({ input: child.stderr }).on('line', (line) => output.push(line))
  createInterface({ input: child.stdout }).on('line', (line) => {
    output.push(line)
    const entryLine = parseJsonLine(line)
    if (!entryLine) return
    logLines.push(entryLine)
    const request = requestOf(entryLine)
    if (request) recorded.push(request)
    if (typeof entryLine.msg === 'string' && entryLine.msg.startsWith('Tandem is ready') && typeof entryLine.url === 'string') {
      announceUrl(entryLine.url)
    }
  })

  const fail = async (reason: string): Promise<never> => {
    child.kill('SIGKILL')
    await exited
    await removeDataDir()
    throw new Error(`${reason}\n--- server output ---\n${output.slice(-40).join('\n')}`)
  }

  const url = await firstOf(announced, exited, START_TIMEOUT_MS)
  if (url.kind === 'exit') return fail(`The server exited (code ${url.value}) before it was ready.`)
  if (url.kind === 'timeout') return fail(`The server did not start within ${START_TIMEOUT_MS} ms.`)
  if (!(await healthy(url.value))) return fail(`${url.value}/api/health did not answer 200.`)

  const pid = child.pid
  if (pid === undefined) return fail('The server process has no pid.')
  return {
    url: url.value,
    dataDir,
    pid,
    requests: () => [...recorded],
    logs: () => [...logLines],
    stop: () => stopServer(child, exited, removeDataDir, output),
    async kill() {
      child.kill('SIGKILL')
      await exited
      await removeDataDir()
    },
  }
}

async function stopServer(
  child: ChildProcess,
  exited: Promise<number | null>,
  removeDataDir: () => Promise<void>,
  output: string[],
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  const result = await firstOf(exited, exited, STOP_TIMEOUT_MS)
  let problem: string | undefined
  if (result.kind === 'timeout') {
    child.kill('SIGKILL')
    await exited
    problem = `The server did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM.`
  } else if (result.value !== 0) {
    problem = `The server stopped with exit code ${result.value}.`
  }
  await removeDataDir()
  if (problem) throw new Error(`${problem}\n--- server output ---\n${output.slice(-40).join('\n')}`)
}

async function healthy(url: string): Promise<boolean> {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) return true
    } catch {
      // Not accepting connections yet.
    }
    await new Promise((wait) => setTimeout(wait, 100))
  }
  return false
}

type Outcome<T> = { kind: 'value'; value: T } | { kind: 'exit'; value: number | null } | { kind: 'timeout' }

/** Whichever comes first: the awaited value, the process exit, or the timeout. */
async function firstOf<T>(value: Promise<T>, exit: Promise<number | null>, timeoutMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Outcome<T>>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout({ kind: 'timeout' }), timeoutMs)
  })
  try {
    return await Promise.race([
      value.then((v): Outcome<T> => ({ kind: 'value', value: v })),
      exit.then((code): Outcome<T> => ({ kind: 'exit', value: code })),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    const parsed: unknown = JSON.parse(line)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** A completed request from its log line: { req: { method, url }, res: { statusCode } }. */
function requestOf(line: Record<string, unknown>): RecordedRequest | undefined {
  if (line.msg !== 'request completed' && line.msg !== 'request errored') return undefined
  const req = line.req
  const res = line.res
  if (typeof req !== 'object' || req === null || typeof res !== 'object' || res === null) return undefined
  if (!('method' in req) || !('url' in req) || !('statusCode' in res)) return undefined
  const { method, url } = req
  const { statusCode } = res
  if (typeof method !== 'string' || typeof url !== 'string' || typeof statusCode !== 'number') return undefined
  return { method, url, statusCode }
}

const run = promisify(execFile)

/**
 * An initialised, never opened PGlite data folder to copy: PGlite's first open of a folder
 * (initdb) takes ~3.5 s and ~850 MB, a copy opens in ~0.4 s. Made once per machine and PGlite
 * version in .tmp/ (git-ignored) and reused by later runs; the initdb runs in a child process,
 * so its memory goes back to the system at once. Concurrent first runs are safe: each builds
 * its own folder and renames it into place, and the loser discards its copy.
 */
export async function pgliteTemplateDir(): Promise<string> {
  const pgliteVersion = await packageVersion(join(REPO_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'))
  const dir = join(REPO_ROOT, '.tmp', `pglite-template-${pgliteVersion}`)
  if (existsSync(join(dir, 'PG_VERSION'))) return dir

  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true })
  const building = await mkdtemp(join(REPO_ROOT, '.tmp', 'pglite-template-building-'))
  try {
    const script = "import { PGlite } from '@electric-sql/pglite'; const pg = await PGlite.create(process.argv[1]); await pg.close()"
    await run(process.execPath, ['--input-type=module', '--eval', script, join(building, 'pglite')], { cwd: REPO_ROOT })
    await rename(join(building, 'pglite'), dir).catch((error: unknown) => {
      // Another run got there first: its template is as good as ours.
      if (!existsSync(join(dir, 'PG_VERSION'))) throw error
    })
  } finally {
    await rm(building, { recursive: true, force: true })
  }
  return dir
}

async function packageVersion(path: string): Promise<string> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
    return parsed.version
  }
  throw new Error(`No version in ${path}`)
}
