// Who is calling: the device, its user and its structure, always from the bearer token and
// never from the body (DESIGN.md, "Security and privacy").
import type { Queryable } from '../db/database.ts'
import type { Role } from '../../../src/schemas/sync.ts'
import { ApiError, MESSAGES } from '../services/errors.ts'
import { bearerToken, parseToken, sameHash } from './tokens.ts'

export interface DeviceContext {
  structureId: string
  deviceId: string
  userId: string
  role: Role
  /** As read (under the row lock for a push). */
  lastMutationId: number
}

interface DeviceRow {
  user_id: string
  token_hash: string
  revoked_at: Date | null
  last_mutation_id: number
  role: Role
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'unauthorized', MESSAGES.unauthorized)
}

/**
 * The device a request comes from. 401 for a missing, malformed or unknown token; 403
 * device_revoked for a revoked one. `lock` takes the device row for the rest of the
 * transaction (a push), so two pushes of one device run one after the other.
 */
export async function authenticateDevice(db: Queryable, authorization: string | undefined, lock = false): Promise<DeviceContext> {
  const token = bearerToken(authorization)
  const parsed = token === undefined ? undefined : parseToken(token)
  if (!parsed) throw unauthorized()
  const result = await db.query<DeviceRow>(
    `SELECT d.user_id, d.token_hash, d.revoked_at, d.last_mutation_id, u.role
       FROM devices d JOIN users u ON u.structure_id = d.structure_id AND u.id = d.user_id
      WHERE d.structure_id = $1 AND d.id = $2${lock ? ' FOR UPDATE OF d' : ''}`,
    [parsed.structureId, parsed.deviceId],
  )
  const row = result.rows[0]
  if (!row || !sameHash(row.token_hash, parsed.secretHash)) throw unauthorized()
  if (row.revoked_at) throw new ApiError(403, 'device_revoked', MESSAGES.deviceRevoked)
  return { structureId: parsed.structureId, deviceId: parsed.deviceId, userId: row.user_id, role: row.role, lastMutationId: row.last_mutation_id }
}
