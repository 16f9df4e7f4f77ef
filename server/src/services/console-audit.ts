// The console's audit log: who did what, and when. Lines carry names, periods, setting values
// and counts; never a password, a token, a code or a record's notes (the callers pass only
// those fields, and the test reads every line back to check).
import { monotonicFactory } from 'ulid'
import type { Queryable } from '../db/database.ts'

/** Ids in the order lines are written (within one instance, even within one millisecond). */
const nextId = monotonicFactory()

export const AUDIT_ACTIONS = [
  'signed_in',
  'sign_in_failed',
  'signed_out',
  'password_set',
  'password_changed',
  'person_added',
  'code_issued',
  'device_revoked',
  'person_deactivated',
  'person_reactivated',
  'settings_changed',
  'export_made',
  'places_imported',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface Actor {
  structureId: string
  userId: string | null
  name: string
}

export type AuditDetails = Record<string, string | number | boolean | null | Record<string, string | number | boolean | null>>

export async function recordEvent(db: Queryable, actor: Actor, action: AuditAction, details: AuditDetails = {}, now: Date = new Date()): Promise<void> {
  await db.query(
    'INSERT INTO audit_events (structure_id, id, at, actor_user_id, actor_name, action, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [actor.structureId, nextId(now.getTime()), now, actor.userId, actor.name, action, JSON.stringify(details)],
  )
}

export interface AuditLine {
  id: string
  at: string
  actorName: string
  action: AuditAction
  details: AuditDetails
}

export const AUDIT_PAGE = 100

/** The newest lines first, a page at a time (`before`: the id of the last line shown). */
export async function listEvents(db: Queryable, structureId: string, before?: string): Promise<{ lines: AuditLine[]; more: boolean }> {
  const result = await db.query<{ id: string; at: Date; actor_name: string; action: AuditAction; details: AuditDetails }>(
    `SELECT id, at, actor_name, action, details FROM audit_events
      WHERE structure_id = $1 AND ($2::text IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [structureId, before ?? null, AUDIT_PAGE + 1],
  )
  const lines = result.rows.slice(0, AUDIT_PAGE).map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorName: row.actor_name,
    action: row.action,
    details: row.details,
  }))
  return { lines, more: result.rows.length > AUDIT_PAGE }
}
