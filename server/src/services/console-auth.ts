// The console's accounts: a coordinator's first visit (one-time code → password), sign-in with
// email and password, sessions, sign-out and password change (auth/sessions.ts holds the
// primitives). One transaction each; every sign-in, failure and password change is audited.
import { ulid } from 'ulid'
import type { Database, Queryable } from '../db/database.ts'
import type { Role } from '../../../src/schemas/sync.ts'
import { codeHash, normaliseCode, sameHash } from '../auth/tokens.ts'
import {
  hashPassword,
  issueSessionSecret,
  parseSessionCookie,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SESSION_LIFETIME_MS,
  verifyPassword,
} from '../auth/sessions.ts'
import { ApiError } from './errors.ts'
import { CONSOLE_MESSAGES as M } from './console-messages.ts'
import { recordEvent } from './console-audit.ts'

export interface ConsoleContext {
  structureId: string
  structureName: string
  userId: string
  displayName: string
  email: string | null
  sessionId: string
}

export interface OpenedSession {
  cookie: string
  expiresAt: Date
  context: ConsoleContext
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function checkPassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw new ApiError(400, 'password_too_short', M.passwordTooShort, { minLength: PASSWORD_MIN_LENGTH })
  if ([...password].length > PASSWORD_MAX_LENGTH) throw new ApiError(400, 'password_too_long', M.passwordTooLong)
}

async function openSession(tx: Queryable, structureId: string, userId: string, now: Date): Promise<{ cookie: string; sessionId: string; expiresAt: Date }> {
  const sessionId = ulid(now.getTime())
  const issued = issueSessionSecret(structureId, sessionId)
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
  await tx.query(
    'INSERT INTO console_sessions (structure_id, id, user_id, secret_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [structureId, sessionId, userId, issued.secretHash, now, expiresAt],
  )
  return { cookie: issued.cookie, sessionId, expiresAt }
}

interface CodeRow {
  structure_id: string
  user_id: string
  expires_at: Date
  used_at: Date | null
  role: Role
  display_name: string
  email: string | null
  deactivated_at: Date | null
  structure_name: string
}

export class WrongCredentialsError extends ApiError {
  constructor(code: 'wrong_credentials' | 'invalid_code' = 'wrong_credentials') {
    super(401, code, code === 'invalid_code' ? M.invalidCode : M.wrongCredentials)
  }
}

/**
 * A coordinator's first visit, or a reset: the one-time code (from `npm run admin --
 * create-structure` or another coordinator) is used up, and the password set. Every earlier
 * session of that person ends. A coordinator without an email gives one here.
 */
export async function activateWithCode(
  db: Database,
  input: { code: string; email: string; password: string },
  now: Date = new Date(),
): Promise<OpenedSession> {
  const code = normaliseCode(input.code)
  if (code === undefined) throw new WrongCredentialsError('invalid_code')
  checkPassword(input.password)
  const email = normaliseEmail(input.email)
  if (!EMAIL_PATTERN.test(email)) throw new ApiError(400, 'email_required', M.emailRequired)
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const found = await tx.query<CodeRow>(
      `SELECT c.structure_id, c.user_id, c.expires_at, c.used_at, u.role, u.display_name, u.email, u.deactivated_at,
              s.name AS structure_name
         FROM enrolment_codes c
         JOIN users u ON u.structure_id = c.structure_id AND u.id = c.user_id
         JOIN structures s ON s.id = c.structure_id
        WHERE c.code_hash = $1
          FOR UPDATE OF c`,
      [codeHash(code)],
    )
    if (found.rows.length !== 1) throw new WrongCredentialsError('invalid_code')
    const row = found.rows[0]!
    if (row.role !== 'coordinator') throw new ApiError(403, 'not_coordinator', M.notCoordinator)
    if (row.used_at) throw new ApiError(410, 'code_used', M.codeUsed)
    if (row.expires_at.getTime() <= now.getTime()) throw new ApiError(410, 'code_expired', M.codeExpired)
    if (row.deactivated_at) throw new ApiError(403, 'deactivated', M.deactivated)
    if (row.email !== null && row.email !== email) throw new ApiError(400, 'email_mismatch', M.emailMismatch)
    if (row.email === null) {
      const taken = await tx.query('SELECT 1 FROM users WHERE structure_id = $1 AND email = $2 AND id <> $3', [row.structure_id, email, row.user_id])
      if (taken.rows.length > 0) throw new ApiError(409, 'email_taken', M.emailTaken)
    }
    const firstTime = await tx.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE structure_id = $1 AND id = $2', [row.structure_id, row.user_id])
    await tx.query('UPDATE enrolment_codes SET used_at = $3 WHERE structure_id = $1 AND code_hash = $2', [row.structure_id, codeHash(code), now])
    await tx.query('UPDATE users SET password_hash = $3, password_set_at = $4, email = $5 WHERE structure_id = $1 AND id = $2', [
      row.structure_id,
      row.user_id,
      passwordHash,
      now,
      email,
    ])
    await tx.query('UPDATE console_sessions SET ended_at = $3 WHERE structure_id = $1 AND user_id = $2 AND ended_at IS NULL', [row.structure_id, row.user_id, now])
    const session = await openSession(tx, row.structure_id, row.user_id, now)
    const actor = { structureId: row.structure_id, userId: row.user_id, name: row.display_name }
    await recordEvent(tx, actor, 'password_set', { reset: firstTime.rows[0]?.password_hash != null }, now)
    await recordEvent(tx, actor, 'signed_in', {}, now)
    return {
      cookie: session.cookie,
      expiresAt: session.expiresAt,
      context: { structureId: row.structure_id, structureName: row.structure_name, userId: row.user_id, displayName: row.display_name, email, sessionId: session.sessionId },
    }
  })
}

interface AccountRow {
  structure_id: string
  id: string
  display_name: string
  email: string
  password_hash: string | null
  structure_name: string
}

/**
 * Email and password. The email is the one lookup that does not know the structure (a plain
 * index per structure): when one address is a coordinator's in several structures, the password
 * picks the account. Unknown address, wrong password, deactivated person: the same answer.
 */
export async function signIn(db: Database, input: { email: string; password: string }, now: Date = new Date()): Promise<OpenedSession> {
  const email = normaliseEmail(input.email)
  if (!EMAIL_PATTERN.test(email) || input.password.length === 0 || input.password.length > PASSWORD_MAX_LENGTH * 4) {
    await verifyPassword(null, input.password.slice(0, PASSWORD_MAX_LENGTH))
    throw new WrongCredentialsError()
  }
  const found = await db.query<AccountRow>(
    `SELECT u.structure_id, u.id, u.display_name, u.email, u.password_hash, s.name AS structure_name
       FROM users u JOIN structures s ON s.id = u.structure_id
      WHERE u.email = $1 AND u.role = 'coordinator' AND u.deactivated_at IS NULL
      ORDER BY u.structure_id LIMIT 5`,
    [email],
  )
  let account: AccountRow | undefined
  for (const row of found.rows) {
    if (await verifyPassword(row.password_hash, input.password)) {
      account = row
      break
    }
  }
  if (found.rows.length === 0) await verifyPassword(null, input.password)
  if (!account) {
    // Audited in each structure where the address is a coordinator's (none for an unknown one).
    for (const row of found.rows) await recordEvent(db, { structureId: row.structure_id, userId: row.id, name: row.display_name }, 'sign_in_failed', {}, now)
    throw new WrongCredentialsError()
  }
  const chosen = account
  return db.transaction(async (tx) => {
    const session = await openSession(tx, chosen.structure_id, chosen.id, now)
    await recordEvent(tx, { structureId: chosen.structure_id, userId: chosen.id, name: chosen.display_name }, 'signed_in', {}, now)
    return {
      cookie: session.cookie,
      expiresAt: session.expiresAt,
      context: { structureId: chosen.structure_id, structureName: chosen.structure_name, userId: chosen.id, displayName: chosen.display_name, email: chosen.email, sessionId: session.sessionId },
    }
  })
}

interface SessionRow {
  user_id: string
  secret_hash: string
  expires_at: Date
  ended_at: Date | null
  role: Role
  display_name: string
  email: string | null
  deactivated_at: Date | null
  structure_name: string
}

/**
 * The signed-in coordinator of a request. 401 without a live session (none, unknown, expired,
 * ended); 403 when the session's person is not (or no longer) an active coordinator.
 */
export async function authenticateSession(db: Queryable, cookie: string | undefined, now: Date = new Date()): Promise<ConsoleContext> {
  const parsed = parseSessionCookie(cookie)
  if (!parsed) throw new ApiError(401, 'signed_out', M.signedOut)
  const result = await db.query<SessionRow>(
    `SELECT cs.user_id, cs.secret_hash, cs.expires_at, cs.ended_at, u.role, u.display_name, u.email, u.deactivated_at,
            s.name AS structure_name
       FROM console_sessions cs
       JOIN users u ON u.structure_id = cs.structure_id AND u.id = cs.user_id
       JOIN structures s ON s.id = cs.structure_id
      WHERE cs.structure_id = $1 AND cs.id = $2`,
    [parsed.structureId, parsed.sessionId],
  )
  const row = result.rows[0]
  if (!row || !sameHash(row.secret_hash, parsed.secretHash) || row.ended_at || row.expires_at.getTime() <= now.getTime()) {
    throw new ApiError(401, 'signed_out', M.signedOut)
  }
  if (row.role !== 'coordinator' || row.deactivated_at) throw new ApiError(403, 'forbidden', M.forbidden)
  return {
    structureId: parsed.structureId,
    structureName: row.structure_name,
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    sessionId: parsed.sessionId,
  }
}

export async function signOut(db: Database, context: ConsoleContext, now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE console_sessions SET ended_at = $3 WHERE structure_id = $1 AND id = $2 AND ended_at IS NULL', [context.structureId, context.sessionId, now])
    await recordEvent(tx, { structureId: context.structureId, userId: context.userId, name: context.displayName }, 'signed_out', {}, now)
  })
}

/** Checks the current password, sets the new one and ends every other session of that person. */
export async function changePassword(db: Database, context: ConsoleContext, input: { current: string; next: string }, now: Date = new Date()): Promise<void> {
  checkPassword(input.next)
  const stored = await db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE structure_id = $1 AND id = $2', [context.structureId, context.userId])
  if (!(await verifyPassword(stored.rows[0]?.password_hash ?? null, input.current))) throw new ApiError(400, 'wrong_password', M.wrongPassword)
  const passwordHash = await hashPassword(input.next)
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $3, password_set_at = $4 WHERE structure_id = $1 AND id = $2', [context.structureId, context.userId, passwordHash, now])
    await tx.query('UPDATE console_sessions SET ended_at = $4 WHERE structure_id = $1 AND user_id = $2 AND id <> $3 AND ended_at IS NULL', [
      context.structureId,
      context.userId,
      context.sessionId,
      now,
    ])
    await recordEvent(tx, { structureId: context.structureId, userId: context.userId, name: context.displayName }, 'password_changed', {}, now)
  })
}
