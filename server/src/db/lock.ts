// Exclusive lock on DATA_DIR. PGlite takes no lock of its own: two processes opening the same
// folder both succeed and silently lose each other's writes, so the server refuses to start
// while another live process holds this lock.
//
// Guarantees:
// - the lock file always holds a complete pid: it is written to a private temporary file first
//   and linked into place, and link() fails when the lock already exists (atomic, no
//   half-written lock for another process to misread);
// - a lock whose pid is no longer alive (a crash, a kill -9) is stale and taken over. Only the
//   holder of a second, short-lived marker (tandem.lock.takeover, created the same atomic way)
//   may delete a stale lock, and only after reading it again under that marker, so a fresh
//   lock that another process created meanwhile is never deleted and two processes racing on
//   one stale lock cannot both win;
// - release removes the file only while it is still ours.
// Left open: a process killed while it holds the takeover marker (a few milliseconds) during a
// simultaneous start of two others. The lock assumes one machine (pids are local): do not
// share DATA_DIR over a network file system.
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

export const LOCK_FILE_NAME = 'tandem.lock'

export class DataDirLockedError extends Error {
  readonly lockPath: string
  readonly pid: number

  constructor(lockPath: string, pid: number) {
    super(
      `Another Tandem server (pid ${pid}) is using this data folder: ${lockPath} is held. ` +
        `Stop that server first. If no server is running, delete ${lockPath} and start again.`,
    )
    this.name = 'DataDirLockedError'
    this.lockPath = lockPath
    this.pid = pid
  }
}

export interface DataDirLock {
  readonly path: string
  release(): Promise<void>
}

/** True while a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM'
  }
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true })
  const lockPath = join(dataDir, LOCK_FILE_NAME)
  const content = `${process.pid}\n`

  // Each round takes the lock, finds a live holder, or helps remove a stale lock; rounds are
  // only repeated while other processes race for the same folder.
  for (let round = 0; round < 200; round++) {
    if (await tryCreate(lockPath, content)) return ownedLock(lockPath, content)

    const current = await readIfExists(lockPath)
    if (current === undefined) continue // its holder released it meanwhile
    const pid = parsePid(current)
    if (pid !== undefined && isProcessAlive(pid)) throw new DataDirLockedError(lockPath, pid)
    await removeStaleLock(lockPath, current, content)
  }
  throw new Error(`Could not take the lock ${lockPath}: other processes keep racing for it.`)
}

async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  const temporary = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temporary, content, { flag: 'wx' })
  try {
    await link(temporary, lockPath)
    return true
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw error
  } finally {
    await unlink(temporary)
  }
}

async function removeStaleLock(lockPath: string, staleContent: string, ourContent: string): Promise<void> {
  const markerPath = `${lockPath}.takeover`
  if (!(await tryCreate(markerPath, ourContent))) {
    // Another process is removing the stale lock. Wait for it, unless it died doing so.
    const marker = await readIfExists(markerPath)
    if (marker === undefined) return
    const pid = parsePid(marker)
    if (pid !== undefined && isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 10))
    else if ((await readIfExists(markerPath)) === marker) await unlinkIfExists(markerPath)
    return
  }
  try {
    // The lock may have changed since it was judged stale: delete it only if it has not.
    if ((await readIfExists(lockPath)) === staleContent) await unlinkIfExists(lockPath)
  } finally {
    await unlinkIfExists(markerPath)
  }
}

async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path)
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error
  }
}

function ownedLock(lockPath: string, content: string): DataDirLock {
  let released = false
  return {
    path: lockPath,
    async release() {
      if (released) return
      released = true
      const current = await readIfExists(lockPath)
      if (current === content) await unlink(lockPath)
    },
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  }
}

/** The pid in a lock file, or undefined when the file is empty or garbled (treated as stale). */
function parsePid(content: string): number | undefined {
  const text = content.trim()
  if (!/^\d+$/.test(text)) return undefined
  const pid = Number(text)
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code
  return undefined
}
