// What a coordinator does from the command line (npm run admin, server/src/cli/admin.ts) and,
// later, from the console: structures, people, enrolment codes, devices. One transaction each.
import { ulid } from 'ulid'
import type { Database, Queryable } from '../db/database.ts'
import type { Role } from '../../../src/schemas/sync.ts'
import { CODE_LIFETIME_MS, codeHash, formatCode, newCode } from '../auth/tokens.ts'

/** A failure the person running the command can fix; its message says how. */
export class AdminError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AdminError'
  }
}

export interface IssuedCode {
  /** As shown to people: XXXX-XXXX-XXXX. */
  code: string
  expiresAt: Date
}

async function issueCode(tx: Queryable, structureId: string, userId: string, now: Date): Promise<IssuedCode> {
  const code = newCode()
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS)
  await tx.query(
    'INSERT INTO enrolment_codes (structure_id, code_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
    [structureId, codeHash(code), userId, expiresAt, now],
  )
  return { code: formatCode(code), expiresAt }
}

export interface CreatedStructure extends IssuedCode {
  structureId: string
  userId: string
}

export async function createStructure(
  db: Database,
  input: { name: string; coordinatorEmail: string },
  now: Date = new Date(),
): Promise<CreatedStructure> {
  const name = input.name.trim()
  const email = input.coordinatorEmail.trim().toLowerCase()
  if (name === '' || name.length > 200) throw new AdminError('--name must be 1 to 200 characters.')
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AdminError(`--coordinator-email "${input.coordinatorEmail}" is not an email address.`)
  return db.transaction(async (tx) => {
    const structureId = ulid()
    const userId = ulid()
    await tx.query('INSERT INTO structures (id, name, created_at) VALUES ($1, $2, $3)', [structureId, name, now])
    await tx.query(
      "INSERT INTO users (structure_id, id, role, display_name, email, created_at) VALUES ($1, $2, 'coordinator', $3, $3, $4)",
      [structureId, userId, email, now],
    )
    return { structureId, userId, ...(await issueCode(tx, structureId, userId, now)) }
  })
}

export interface CreatedCode extends IssuedCode {
  userId: string
  displayName: string
  role: Role
}

export type CodeFor = { role: Role; name: string } | { userId: string }

export async function createCode(db: Database, structureId: string, target: CodeFor, now: Date = new Date()): Promise<CreatedCode> {
  return db.transaction(async (tx) => {
    const structure = await tx.query('SELECT 1 FROM structures WHERE id = $1', [structureId])
    if (structure.rows.length === 0) throw new AdminError(`No structure with id ${structureId}.`)
    if ('userId' in target) {
      const user = await tx.query<{ role: Role; display_name: string }>(
        'SELECT role, display_name FROM users WHERE structure_id = $1 AND id = $2',
        [structureId, target.userId],
      )
      const row = user.rows[0]
      if (!row) throw new AdminError(`No user with id ${target.userId} in structure ${structureId}.`)
      return { userId: target.userId, displayName: row.display_name, role: row.role, ...(await issueCode(tx, structureId, target.userId, now)) }
    }
    const name = target.name.trim()
    if (name === '' || name.length > 120) throw new AdminError('--name must be 1 to 120 characters.')
    const userId = ulid()
    await tx.query('INSERT INTO users (structure_id, id, role, display_name, created_at) VALUES ($1, $2, $3, $4, $5)', [
      structureId,
      userId,
      target.role,
      name,
      now,
    ])
    return { userId, displayName: name, role: target.role, ...(await issueCode(tx, structureId, userId, now)) }
  })
}

export async function revokeDevice(db: Database, structureId: string, deviceId: string, now: Date = new Date()): Promise<{ alreadyRevoked: boolean }> {
  return db.transaction(async (tx) => {
    const found = await tx.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM devices WHERE structure_id = $1 AND id = $2 FOR UPDATE',
      [structureId, deviceId],
    )
    const row = found.rows[0]
    if (!row) throw new AdminError(`No device with id ${deviceId} in structure ${structureId}.`)
    if (row.revoked_at) return { alreadyRevoked: true }
    await tx.query('UPDATE devices SET revoked_at = $3 WHERE structure_id = $1 AND id = $2', [structureId, deviceId, now])
    return { alreadyRevoked: false }
  })
}

export interface DeviceListing {
  deviceId: string
  name: string
  userId: string
  userName: string
  role: Role
  enrolledAt: string
  lastPushAt: string | null
  lastPullAt: string | null
  lastMutationId: number
  revokedAt: string | null
}

export async function listDevices(db: Database, structureId: string): Promise<DeviceListing[]> {
  const structure = await db.query('SELECT 1 FROM structures WHERE id = $1', [structureId])
  if (structure.rows.length === 0) throw new AdminError(`No structure with id ${structureId}.`)
  const result = await db.query<{
    id: string
    name: string
    user_id: string
    display_name: string
    role: Role
    created_at: Date
    last_push_at: Date | null
    last_pull_at: Date | null
    last_mutation_id: number
    revoked_at: Date | null
  }>(
    `SELECT d.id, d.name, d.user_id, u.display_name, u.role, d.created_at, d.last_push_at, d.last_pull_at,
            d.last_mutation_id, d.revoked_at
       FROM devices d JOIN users u ON u.structure_id = d.structure_id AND u.id = d.user_id
      WHERE d.structure_id = $1
      ORDER BY d.created_at, d.id`,
    [structureId],
  )
  const iso = (date: Date | null) => (date ? date.toISOString() : null)
  return result.rows.map((row) => ({
    deviceId: row.id,
    name: row.name,
    userId: row.user_id,
    userName: row.display_name,
    role: row.role,
    enrolledAt: row.created_at.toISOString(),
    lastPushAt: iso(row.last_push_at),
    lastPullAt: iso(row.last_pull_at),
    lastMutationId: row.last_mutation_id,
    revokedAt: iso(row.revoked_at),
  }))
}
