// POST /api/enrol: a one-time code becomes a device token (DESIGN.md, "Enrolment").
//
// Guarantees (tests/server/sync-enrol.test.ts):
// - a code is used once: the code row is locked, checked and marked used in the transaction
//   that creates the device, so two devices racing with one code cannot both win;
// - every enrolment makes a new device row, with last_mutation_id = nextMutationId − 1, so a
//   re-enrolled tablet carries on with its own mutation counter and its unsent outbox;
// - the token is returned once and only its hash is stored.
import { ulid } from 'ulid'
import type { Database } from '../db/database.ts'
import type { EnrolRequest, EnrolResponse, Role } from '../../../src/schemas/sync.ts'
import { codeHash, issueToken, normaliseCode } from '../auth/tokens.ts'
import { ApiError, MESSAGES } from './errors.ts'

interface CodeRow {
  structure_id: string
  user_id: string
  expires_at: Date
  used_at: Date | null
  role: Role
  display_name: string
  structure_name: string
  retention_months: number
}

export class InvalidCodeError extends ApiError {
  constructor() {
    super(400, 'invalid_code', MESSAGES.invalidCode)
  }
}

export async function enrolDevice(db: Database, request: EnrolRequest, now: Date = new Date()): Promise<EnrolResponse> {
  const code = normaliseCode(request.code)
  if (code === undefined) throw new InvalidCodeError()
  return db.transaction(async (tx) => {
    // The one lookup that does not know the structure yet: the code is all the device has.
    const found = await tx.query<CodeRow>(
      `SELECT c.structure_id, c.user_id, c.expires_at, c.used_at, u.role, u.display_name,
              s.name AS structure_name, s.retention_months
         FROM enrolment_codes c
         JOIN users u ON u.structure_id = c.structure_id AND u.id = c.user_id
         JOIN structures s ON s.id = c.structure_id
        WHERE c.code_hash = $1
          FOR UPDATE OF c`,
      [codeHash(code)],
    )
    // Two structures holding one 60-bit code is a collision nobody can tell apart: refuse it.
    if (found.rows.length !== 1) throw new InvalidCodeError()
    const row = found.rows[0]!
    if (row.used_at) throw new ApiError(410, 'code_used', MESSAGES.codeUsed)
    if (row.expires_at.getTime() <= now.getTime()) throw new ApiError(410, 'code_expired', MESSAGES.codeExpired)

    const deviceId = ulid()
    const { token, tokenHash } = issueToken(row.structure_id, deviceId)
    await tx.query(
      `INSERT INTO devices (structure_id, id, user_id, token_hash, last_mutation_id, name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.structure_id, deviceId, row.user_id, tokenHash, request.nextMutationId - 1, request.deviceName, now],
    )
    await tx.query(
      'UPDATE enrolment_codes SET used_at = $3, device_id = $4 WHERE structure_id = $1 AND code_hash = $2',
      [row.structure_id, codeHash(code), now, deviceId],
    )
    return {
      token,
      deviceId,
      user: { id: row.user_id, role: row.role, displayName: row.display_name },
      structure: { id: row.structure_id, name: row.structure_name, retentionMonths: row.retention_months },
    }
  })
}
