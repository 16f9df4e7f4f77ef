// PGlite takes no lock on its folder: the server's lock file must keep a second process (or a
// second open in this one) away from a DATA_DIR in use, and recover from a crashed holder.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from '../../server/src/db/lock.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'

const pglite = databaseTargets.filter((target) => target.kind === 'pglite')

/** A pid that surely belongs to no running process: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['--eval', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('exit', resolve))
  if (child.pid === undefined) throw new Error('the child got no pid')
  return child.pid
}

describe('acquireDataDirLock', () => {
  let dir: string
  const children: ChildProcess[] = []

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-lock-'))
  })
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  })

  it('writes our pid into the lock file and removes it on release', async () => {
    const lock = await acquireDataDirLock(dir)
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(`${process.pid}\n`)
    await lock.release()
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
  })

  it('creates a missing data folder, parents included', async () => {
    const nested = join(dir, 'a', 'b')
    const lock = await acquireDataDirLock(nested)
    expect(existsSync(join(nested, LOCK_FILE_NAME))).toBe(true)
    await lock.release()
  })

  it('refuses a second lock while the first is held, naming the holder and the way out', async () => {
    const lock = await acquireDataDirLock(dir)
    const second = acquireDataDirLock(dir)
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError)
    await expect(second).rejects.toThrow(`Another Tandem server (pid ${process.pid}) is using this data folder`)
    await expect(second).rejects.toThrow(`delete ${join(dir, LOCK_FILE_NAME)}`)
    await lock.release()
    const again = await acquireDataDirLock(dir)
    await again.release()
  })

  it('refuses a lock held by another live process, and takes it over once that process is gone', async () => {
    const holder = spawn(process.execPath, ['--eval', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    children.push(holder)
    await writeFile(join(dir, LOCK_FILE_NAME), `${holder.pid}\n`)
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`pid ${holder.pid}`)

    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.once('exit', resolve))
    const lock = await acquireDataDirLock(dir)
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(`${process.pid}\n`)
    await lock.release()
  })

  it('takes over a stale lock left by a dead process', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), `${await deadPid()}\n`)
    const lock = await acquireDataDirLock(dir)
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(`${process.pid}\n`)
    await lock.release()
  })

  it('takes over an empty or garbled lock file', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), '')
    const first = await acquireDataDirLock(dir)
    await first.release()
    await writeFile(join(dir, LOCK_FILE_NAME), 'not a pid')
    const second = await acquireDataDirLock(dir)
    await second.release()
  })

  it('lets exactly one of several racing openers take over a stale lock', async () => {
    const stale = `${await deadPid()}\n`
    // Many rounds: the interleaving differs from one to the next.
    for (let round = 0; round < 40; round++) {
      await writeFile(join(dir, LOCK_FILE_NAME), stale)
      const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => acquireDataDirLock(dir)))
      const won = attempts.filter((attempt) => attempt.status === 'fulfilled')
      const refused = attempts.filter((attempt) => attempt.status === 'rejected')
      expect(won).toHaveLength(1)
      for (const attempt of refused) expect(attempt.reason).toBeInstanceOf(DataDirLockedError)
      await won[0]?.value.release()
      // No temporary or grabbed files are left behind.
      expect(await readdir(dir)).toEqual([])
    }
  })

  it('does not remove a lock that is no longer its own', async () => {
    const lock = await acquireDataDirLock(dir)
    // Someone deleted our lock by hand and another server took the folder.
    await writeFile(join(dir, LOCK_FILE_NAME), '999999999\n')
    await lock.release()
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe('999999999\n')
  })
})

describe.each(pglite)('the PGlite database and its lock', (target) => {
  let database: TestDatabase

  beforeEach(async () => {
    database = await target.create()
  })
  afterEach(async () => {
    await database.destroy()
  })

  it('refuses a second open of the same DATA_DIR and keeps the first working', async () => {
    const first = await database.open()
    await expect(database.open()).rejects.toBeInstanceOf(DataDirLockedError)
    expect((await first.db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })

  it('releases the lock on close, so the folder opens again', async () => {
    const first = await database.open()
    await first.db.close()
    expect(existsSync(join(database.options.dataDir, LOCK_FILE_NAME))).toBe(false)
    const second = await database.open()
    expect(second.migrations.applied).toEqual([])
  })

  it('opens a folder whose previous server crashed (stale lock)', async () => {
    await writeFile(join(database.options.dataDir, LOCK_FILE_NAME), `${await deadPid()}\n`)
    const opened = await database.open()
    expect(opened.db.kind).toBe('pglite')
  })
})
