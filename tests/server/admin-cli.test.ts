// `npm run admin -- …`: each command on the embedded database of DATA_DIR and on DATABASE_URL,
// run in-process (and once as the real npm script), with the lock refusal when a server holds
// the data folder.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runAdmin } from '../../server/src/cli/admin.ts'
import { codeHash, normaliseCode } from '../../server/src/auth/tokens.ts'
import { openDatabase } from '../../server/src/db/open.ts'
import { enrolDevice } from '../../server/src/services/enrolment.ts'
import { databaseTargets, type TestDatabase } from './helpers/databases.ts'

const root = new URL('../..', import.meta.url).pathname

describe.each(databaseTargets)('npm run admin on $kind', (target) => {
  let database: TestDatabase
  let env: NodeJS.ProcessEnv

  beforeEach(async () => {
    database = await target.create()
    env = target.kind === 'pglite' ? { DATA_DIR: database.options.dataDir } : { DATABASE_URL: database.options.databaseUrl }
  })
  afterEach(async () => {
    await database.destroy()
  })

  async function admin(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const code = await runAdmin(argv, { env, cwd: root, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) })
    return { code, stdout, stderr }
  }

  async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
    const { db } = await openDatabase(database.options)
    try {
      return await fn(db)
    } finally {
      await db.close()
    }
  }

  it('creates a structure with its coordinator and prints a single-use code, as one JSON line', async () => {
    const result = await admin('create-structure', '--name', 'France Services Vals', '--coordinator-email', 'Marc@Example.org', '--json')
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout.endsWith('\n')).toBe(true)
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    const created = JSON.parse(result.stdout) as { structureId: string; userId: string; code: string }
    expect(Object.keys(created).sort()).toEqual(['code', 'structureId', 'userId'])
    expect(created.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const rows = await withDb(async (db) => {
      const user = await db.query('SELECT role, email FROM users WHERE structure_id = $1 AND id = $2', [created.structureId, created.userId])
      const code = await db.query<{ hours: number }>(
        'SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM enrolment_codes WHERE structure_id = $1 AND code_hash = $2',
        [created.structureId, codeHash(normaliseCode(created.code)!)],
      )
      return { user: user.rows, code: code.rows }
    })
    expect(rows).toEqual({ user: [{ role: 'coordinator', email: 'marc@example.org' }], code: [{ hours: 48 }] })

    const human = await admin('create-structure', '--name', 'Médiathèque', '--coordinator-email', 'a@b.fr')
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/One-time code for the coordinator's first device: [0-9A-Z-]{14}\n\(single use, valid until/)
  })

  it('creates codes for a new person and for an existing one, and refuses bad options clearly', async () => {
    const structure = JSON.parse((await admin('create-structure', '--name', 'S', '--coordinator-email', 'c@s.fr', '--json')).stdout) as { structureId: string }
    const agent = await admin('create-code', '--structure', structure.structureId, '--role', 'agent', '--name', 'Awa', '--json')
    expect(agent.code).toBe(0)
    const created = JSON.parse(agent.stdout) as { userId: string; code: string }
    expect(Object.keys(created).sort()).toEqual(['code', 'userId'])
    const again = await admin('create-code', '--structure', structure.structureId, '--user', created.userId, '--json')
    const second = JSON.parse(again.stdout) as { userId: string; code: string }
    expect(second.userId).toBe(created.userId)
    expect(second.code).not.toBe(created.code)

    expect(await admin('create-code', '--structure', structure.structureId, '--role', 'admin', '--name', 'X')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role must be one of agent, volunteer, coordinator'),
    })
    expect(await admin('create-code', '--structure', 'NOPE', '--role', 'agent', '--name', 'X')).toMatchObject({
      code: 1,
      stderr: 'No structure with id NOPE.\n',
    })
    expect(await admin('create-code', '--structure', structure.structureId, '--user', 'NOPE')).toMatchObject({ code: 1, stderr: expect.stringContaining('No user with id NOPE') })
    expect(await admin('create-structure', '--name', 'S')).toMatchObject({ code: 2, stderr: expect.stringContaining('--coordinator-email is required') })
    expect(await admin('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"') })
    expect(await admin('list-devices', '--structure', structure.structureId, '--bogus')).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") })
  })

  it('lists and revokes devices', async () => {
    const structure = JSON.parse((await admin('create-structure', '--name', 'S', '--coordinator-email', 'c@s.fr', '--json')).stdout) as { structureId: string; code: string }
    expect(await admin('list-devices', '--structure', structure.structureId)).toMatchObject({ code: 0, stdout: 'No devices enrolled yet.\n' })
    const deviceId = await withDb(async (db) => (await enrolDevice(db, { code: structure.code, deviceName: 'Poste accueil', nextMutationId: 1 })).deviceId)

    const listed = await admin('list-devices', '--structure', structure.structureId, '--json')
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ deviceId, name: 'Poste accueil', role: 'coordinator', revokedAt: null, lastMutationId: 0 }),
    ])
    expect(await admin('revoke-device', '--structure', structure.structureId, '--device', deviceId)).toMatchObject({
      code: 0,
      stdout: `Device ${deviceId} revoked: its token no longer works.\n`,
    })
    expect((await admin('revoke-device', '--structure', structure.structureId, '--device', deviceId)).stdout).toContain('already revoked')
    const human = await admin('list-devices', '--structure', structure.structureId)
    expect(human.stdout).toContain(`${deviceId}  revoked`)
    expect(await admin('revoke-device', '--structure', structure.structureId, '--device', 'NOPE')).toMatchObject({ code: 1 })
  })

  if (target.kind === 'pglite') {
    it('refuses to run while a server holds the data folder, and says so', async () => {
      const { db } = await openDatabase(database.options) // what a running server holds
      try {
        const result = await admin('list-devices', '--structure', 'S')
        expect(result.code).toBe(1)
        expect(result.stderr).toContain(`The Tandem server (pid ${process.pid}) is running on this data folder`)
        expect(result.stderr).toContain('Stop the server')
      } finally {
        await db.close()
      }
    })

    it('runs as the npm script', { timeout: 60_000 }, async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'tandem-admin-'))
      try {
        const result = spawnSync('npm', ['run', '-s', 'admin', '--', 'create-structure', '--name', 'S', '--coordinator-email', 'c@s.fr', '--json'], {
          cwd: root,
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
          encoding: 'utf8',
        })
        expect(result.stderr).toBe('')
        expect(result.status).toBe(0)
        expect(JSON.parse(result.stdout)).toEqual({ structureId: expect.any(String), userId: expect.any(String), code: expect.any(String) })
      } finally {
        await rm(dataDir, { recursive: true, force: true })
      }
    })
  }
})
