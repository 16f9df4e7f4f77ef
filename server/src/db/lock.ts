// Exclusive lock on DATA_DIR. PGlite takes no lock of its own: two processes opening the same
// folder both succeed and silently lose each other's writes, so the server refuses to start
// while another live process holds this lock.
//
// Guarantees:
// - the lock file always holds a complete pid: it is written to a private temporary file first
//   and linked into place, and link() fails when the lock already exists (atomic, no
//   half-written lock for another process to misread);
// - a lock whose pid is no longer alive (a crash, a kill -9) is stale and taken over; the
//   takeover renames the stale file away first, and only the process whose rename grabbed the
//   very file it judged stale may proceed, so two processes racing on one stale lock cannot
//   both win;
// - release removes the file only while it is still ours.
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
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

  // A few rounds cover losing a race to another starting process; each round either takes the
  // lock, finds a live holder, or removes one stale lock.
  for (let round = 0; round < 5; round++) {
    if (await tryCreate(lockPath, content)) return ownedLock(lockPath, content)

    const current = await readIfExists(lockPath)
    if (current === undefined) continue // its holder released it meanwhile
    const pid = parsePid(current)
    if (pid !== undefined && isProcessAlive(pid)) throw new DataDirLockedError(lockPath, pid)
    await removeStaleLock(lockPath, current)
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

async function removeStaleLock(lockPath: string, staleContent: string): Promise<void> {
  const grabbed = `${lockPath}.stale.${process.pid}.${randomBytes(6).toString('hex')}`
  try {
    await rename(lockPath, grabbed)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return // another process removed it first
    throw error
  }
  const grabbedContent = await readFile(grabbed, 'utf8')
  if (grabbedContent !== staleContent) {
    // Between our read and our rename another process replaced the stale lock with its own
    // live one: put it back (link() never overwrites) instead of stealing it.
    try {
      await link(grabbed, lockPath)
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error
    }
  }
  await unlink(grabbed)
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
