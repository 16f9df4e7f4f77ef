// People and devices in the console: the list (role, devices, last sync of each, records
// received in the last 30 days), adding a person with their first code, a new code for an
// existing person (a new device, or a coordinator's password reset), revoking a device, and
// deactivating a person. Codes and revocations go through services/admin.ts, as the CLI does;
// every action is audited, without the code itself.
import type { Database } from '../db/database.ts'
import { ROLES, type Role } from '../../../src/schemas/sync.ts'
import type { Person } from '../../../src/schemas/console.ts'
import { AdminError, createCode, listDevices, revokeDevice, type DeviceListing } from './admin.ts'
import { ApiError } from './errors.ts'
import { CONSOLE_MESSAGES as M } from './console-messages.ts'
import { recordEvent } from './console-audit.ts'
import { EMAIL_PATTERN, normaliseEmail, type ConsoleContext } from './console-auth.ts'

export type { Person, PersonDevice } from '../../../src/schemas/console.ts'

const actorOf = (context: ConsoleContext) => ({ structureId: context.structureId, userId: context.userId, name: context.displayName })
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b)

export async function listPeople(db: Database, structureId: string, now: Date = new Date()): Promise<Person[]> {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)
  const users = await db.query<{
    id: string
    display_name: string
    role: Role
    email: string | null
    deactivated_at: Date | null
    has_password: boolean
    received: number
    code_expires_at: Date | null
  }>(
    `SELECT u.id, u.display_name, u.role, u.email, u.deactivated_at, u.password_hash IS NOT NULL AS has_password,
            (SELECT count(*)::int FROM records r
              WHERE r.structure_id = u.structure_id AND r.author_id = u.id AND r.table_name IN ('accompaniments', 'workshops') AND r.deleted_at IS NULL
                AND r.updated_at >= $2) AS received,
            (SELECT max(c.expires_at) FROM enrolment_codes c
              WHERE c.structure_id = u.structure_id AND c.user_id = u.id AND c.used_at IS NULL AND c.expires_at > $3) AS code_expires_at
       FROM users u
      WHERE u.structure_id = $1
      ORDER BY u.deactivated_at IS NOT NULL, lower(u.display_name), u.id`,
    [structureId, since, now],
  )
  const devices = await listDevices(db, structureId)
  const byUser = new Map<string, DeviceListing[]>()
  for (const device of devices) byUser.set(device.userId, [...(byUser.get(device.userId) ?? []), device])
  return users.rows.map((row) => ({
    userId: row.id,
    displayName: row.display_name,
    role: row.role,
    email: row.email,
    active: row.deactivated_at === null,
    canSignIn: row.role === 'coordinator' && row.has_password,
    devices: (byUser.get(row.id) ?? []).map((d) => ({
      deviceId: d.deviceId,
      name: d.name,
      enrolledAt: d.enrolledAt,
      lastSyncAt: later(d.lastPushAt, d.lastPullAt),
      revokedAt: d.revokedAt,
    })),
    recordsLast30Days: row.received,
    pendingCodeExpiresAt: row.code_expires_at ? row.code_expires_at.toISOString() : null,
  }))
}

export interface IssuedCodeAnswer {
  userId: string
  displayName: string
  role: Role
  code: string
  expiresAt: string
}

export async function addPerson(
  db: Database,
  context: ConsoleContext,
  input: { name: string; role: Role; email?: string | null },
  now: Date = new Date(),
): Promise<IssuedCodeAnswer> {
  if (!ROLES.includes(input.role)) throw new ApiError(400, 'invalid_body', M.invalidBody)
  let email: string | null = null
  if (input.role === 'coordinator') {
    email = normaliseEmail(input.email ?? '')
    if (!EMAIL_PATTERN.test(email)) throw new ApiError(400, 'email_required', M.emailRequired)
    const taken = await db.query('SELECT 1 FROM users WHERE structure_id = $1 AND email = $2', [context.structureId, email])
    if (taken.rows.length > 0) throw new ApiError(409, 'email_taken', M.emailTaken)
  }
  const created = await createCode(db, context.structureId, { role: input.role, name: input.name }, now).catch(rethrowAdmin)
  if (email !== null) {
    try {
      await db.query('UPDATE users SET email = $3 WHERE structure_id = $1 AND id = $2', [context.structureId, created.userId, email])
    } catch (error) {
      // Another coordinator took the address meanwhile: the new person stays, without an email;
      // their code's first use in the console asks for one.
      if (!/unique|duplicate/i.test(error instanceof Error ? error.message : '')) throw error
    }
  }
  await recordEvent(db, actorOf(context), 'person_added', { person: created.displayName, role: created.role }, now)
  await recordEvent(db, actorOf(context), 'code_issued', { person: created.displayName, expiresAt: created.expiresAt.toISOString() }, now)
  return { userId: created.userId, displayName: created.displayName, role: created.role, code: created.code, expiresAt: created.expiresAt.toISOString() }
}

async function findPerson(db: Database, structureId: string, userId: string): Promise<{ display_name: string; role: Role; deactivated_at: Date | null }> {
  const found = await db.query<{ display_name: string; role: Role; deactivated_at: Date | null }>(
    'SELECT display_name, role, deactivated_at FROM users WHERE structure_id = $1 AND id = $2',
    [structureId, userId],
  )
  const row = found.rows[0]
  if (!row) throw new ApiError(404, 'not_found', M.notFound)
  return row
}

/** A new code for an existing person: another device, or a coordinator's new password. */
export async function issueCodeFor(db: Database, context: ConsoleContext, userId: string, now: Date = new Date()): Promise<IssuedCodeAnswer> {
  const person = await findPerson(db, context.structureId, userId)
  if (person.deactivated_at) throw new ApiError(409, 'deactivated', M.deactivated)
  const created = await createCode(db, context.structureId, { userId }, now).catch(rethrowAdmin)
  await recordEvent(db, actorOf(context), 'code_issued', { person: created.displayName, expiresAt: created.expiresAt.toISOString() }, now)
  return { userId, displayName: created.displayName, role: created.role, code: created.code, expiresAt: created.expiresAt.toISOString() }
}

export async function revokePersonDevice(db: Database, context: ConsoleContext, deviceId: string, now: Date = new Date()): Promise<{ alreadyRevoked: boolean }> {
  const found = await db.query<{ name: string; display_name: string }>(
    `SELECT d.name, u.display_name FROM devices d JOIN users u ON u.structure_id = d.structure_id AND u.id = d.user_id
      WHERE d.structure_id = $1 AND d.id = $2`,
    [context.structureId, deviceId],
  )
  const device = found.rows[0]
  if (!device) throw new ApiError(404, 'not_found', M.notFound)
  const result = await revokeDevice(db, context.structureId, deviceId, now).catch(rethrowAdmin)
  if (!result.alreadyRevoked) await recordEvent(db, actorOf(context), 'device_revoked', { device: device.name, person: device.display_name }, now)
  return result
}

/**
 * Deactivating a person revokes all their devices, expires their unused codes and ends their
 * console sessions, in one transaction; their records stay. Reactivating gives nothing back by
 * itself: they need a new code.
 */
export async function setPersonActive(db: Database, context: ConsoleContext, userId: string, active: boolean, now: Date = new Date()): Promise<void> {
  if (!active && userId === context.userId) throw new ApiError(409, 'self_deactivation', M.selfDeactivation)
  const person = await findPerson(db, context.structureId, userId)
  if ((person.deactivated_at === null) === active) return
  await db.transaction(async (tx) => {
    if (active) {
      await tx.query('UPDATE users SET deactivated_at = NULL WHERE structure_id = $1 AND id = $2', [context.structureId, userId])
    } else {
      await tx.query('UPDATE users SET deactivated_at = $3 WHERE structure_id = $1 AND id = $2', [context.structureId, userId, now])
      await tx.query('UPDATE devices SET revoked_at = $3 WHERE structure_id = $1 AND user_id = $2 AND revoked_at IS NULL', [context.structureId, userId, now])
      await tx.query('UPDATE enrolment_codes SET expires_at = $3 WHERE structure_id = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > $3', [
        context.structureId,
        userId,
        now,
      ])
      await tx.query('UPDATE console_sessions SET ended_at = $3 WHERE structure_id = $1 AND user_id = $2 AND ended_at IS NULL', [context.structureId, userId, now])
    }
    await recordEvent(tx, actorOf(context), active ? 'person_reactivated' : 'person_deactivated', { person: person.display_name }, now)
  })
}

function rethrowAdmin(error: unknown): never {
  if (error instanceof AdminError) throw new ApiError(400, 'invalid_body', error.message.startsWith('No ') ? M.notFound : M.invalidBody)
  throw error
}
