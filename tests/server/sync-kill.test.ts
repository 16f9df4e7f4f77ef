// The server process killed (SIGKILL) while a push transaction is open, after its writes and
// before COMMIT: nothing of the batch survives, and once a server runs again on the same
// database the device's retry applies all of it. Ends with the set check.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'
import { accompaniment, expectedFrom, expectSetCheck, fetchTransport, SimDevice } from './helpers/sync.ts'

const script = new URL('./helpers/sync-server-process.ts', import.meta.url).pathname

interface Child {
  process: ChildProcess
  port: number
  code?: string
  /** Resolves when a push reached its hanging point. */
  hanging: Promise<void>
}

function startChild(database: TestDatabase, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      ...env,
      DATA_DIR: database.options.dataDir,
      DATABASE_URL: database.options.databaseUrl ?? '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let hung!: () => void
  const hanging = new Promise<void>((resolve) => (hung = resolve))
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (line === 'HANGING') hung()
      if (line.startsWith('READY ')) {
        const ready = JSON.parse(line.slice(6)) as { port: number; code?: string }
        resolve({ process: child, port: ready.port, ...(ready.code ? { code: ready.code } : {}), hanging })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)))
  })
}

async function stop(child: Child, signal: NodeJS.Signals): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return
  await new Promise((resolve) => {
    child.process.once('exit', resolve)
    child.process.kill(signal)
  })
}

describe.each(databaseTargets)('a server killed mid-batch on $kind', (target) => {
  let database: TestDatabase
  const children: Child[] = []

  beforeEach(async () => {
    database = await target.create()
  })
  afterEach(async () => {
    for (const child of children.splice(0)) await stop(child, 'SIGKILL')
    await database.destroy()
  })

  it('keeps nothing of the batch it was writing, and takes all of it on retry', { timeout: 90_000 }, async () => {
    const first = await startChild(database, { SEED: '1', HANG_PUSH: '1' })
    children.push(first)
    const device = new SimDevice(fetchTransport(`http://127.0.0.1:${first.port}`), 'Tablette')
    await device.enrol(first.code!)
    const ids = Array.from({ length: 40 }, () => device.put('accompaniments', accompaniment()).id)

    const push = device.pushOnce().then(
      () => 'answered',
      () => 'connection lost',
    )
    await first.hanging // the batch is written, not committed
    await stop(first, 'SIGKILL')
    expect(await push).toBe('connection lost')
    expect(device.outbox).toHaveLength(40)
    // Nothing of the batch is in the database (PGlite: the dead server's lock is taken over).
    const { db: inspect } = await database.open()
    const left = await inspect.query<{ records: number; last: number }>(
      'SELECT (SELECT count(*) FROM records)::int AS records, (SELECT max(last_mutation_id) FROM devices)::int AS last',
    )
    expect(left.rows[0]).toEqual({ records: 0, last: 0 })
    await inspect.close()

    // A new server on the same database (PGlite: it takes over the dead process's lock).
    const second = await startChild(database, {})
    children.push(second)
    device.useTransport(fetchTransport(`http://127.0.0.1:${second.port}`))
    await device.sync()
    expect(device.pulled).toHaveLength(40)
    await stop(second, 'SIGTERM')

    const { db } = await database.open()
    const structure = await db.query<{ id: string; version: number }>('SELECT id, version FROM structures')
    // The killed batch took no change numbers that survived: exactly one per record.
    expect(structure.rows[0]!.version).toBe(40)
    await expectSetCheck(db, structure.rows[0]!.id, ids.map((id) => expectedFrom(device, 'accompaniments', id)), [device])
  })
})
