// GET /api/sync/settings: who and which structure a device belongs to, and the structure's
// retention, so devices learn a change made after their enrolment.
import type { Database } from '../db/database.ts'
import type { Role, SyncSettingsResponse } from '../../../src/schemas/sync.ts'
import type { DeviceContext } from '../auth/device.ts'

export async function deviceSettings(db: Database, device: DeviceContext): Promise<SyncSettingsResponse> {
  const result = await db.query<{ display_name: string; role: Role; name: string; retention_months: number }>(
    `SELECT u.display_name, u.role, s.name, s.retention_months
       FROM users u JOIN structures s ON s.id = u.structure_id
      WHERE u.structure_id = $1 AND u.id = $2`,
    [device.structureId, device.userId],
  )
  const row = result.rows[0]
  if (!row) throw new Error('the user of an authenticated device is missing')
  return {
    deviceId: device.deviceId,
    user: { id: device.userId, role: row.role, displayName: row.display_name },
    structure: { id: device.structureId, name: row.name, retentionMonths: row.retention_months },
  }
}
