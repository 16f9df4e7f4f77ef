// The structure's settings in the console: name, type, commune and the retention period. The
// retention is the one setting devices follow: they read it at their next sync
// (GET /api/sync/settings) and purge what is older, as the server does daily and at start
// (services/retention.ts).
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { recordEvent } from './console-audit.ts'
import type { ConsoleContext } from './console-auth.ts'

export const RETENTION_MIN_MONTHS = 1
export const RETENTION_MAX_MONTHS = 120

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === '' ? null : value))

export const structureSettingsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  structureType: optionalText(120),
  commune: optionalText(120),
  communePostcode: z
    .string()
    .trim()
    .nullable()
    .transform((value) => (value === '' ? null : value))
    .refine((value) => value === null || /^\d{5}$/.test(value)),
  retentionMonths: z.number().int().min(RETENTION_MIN_MONTHS).max(RETENTION_MAX_MONTHS),
})
export type StructureSettings = z.infer<typeof structureSettingsSchema>

export async function readSettings(db: Database, structureId: string): Promise<StructureSettings> {
  const result = await db.query<{ name: string; structure_type: string | null; commune: string | null; commune_postcode: string | null; retention_months: number }>(
    'SELECT name, structure_type, commune, commune_postcode, retention_months FROM structures WHERE id = $1',
    [structureId],
  )
  const row = result.rows[0]
  if (!row) throw new Error('the structure of a signed-in coordinator is missing')
  return { name: row.name, structureType: row.structure_type, commune: row.commune, communePostcode: row.commune_postcode, retentionMonths: row.retention_months }
}

export async function updateSettings(db: Database, context: ConsoleContext, next: StructureSettings, now: Date = new Date()): Promise<StructureSettings> {
  return db.transaction(async (tx) => {
    const before = await tx.query<{ name: string; structure_type: string | null; commune: string | null; commune_postcode: string | null; retention_months: number }>(
      'SELECT name, structure_type, commune, commune_postcode, retention_months FROM structures WHERE id = $1 FOR UPDATE',
      [context.structureId],
    )
    const row = before.rows[0]
    if (!row) throw new Error('the structure of a signed-in coordinator is missing')
    const previous: StructureSettings = { name: row.name, structureType: row.structure_type, commune: row.commune, communePostcode: row.commune_postcode, retentionMonths: row.retention_months }
    await tx.query('UPDATE structures SET name = $2, structure_type = $3, commune = $4, commune_postcode = $5, retention_months = $6 WHERE id = $1', [
      context.structureId,
      next.name,
      next.structureType,
      next.commune,
      next.communePostcode,
      next.retentionMonths,
    ])
    const changed: Record<string, string | number | null> = {}
    for (const key of Object.keys(next) as (keyof StructureSettings)[]) {
      if (previous[key] !== next[key]) changed[key] = next[key]
    }
    if (Object.keys(changed).length > 0) {
      await recordEvent(tx, { structureId: context.structureId, userId: context.userId, name: context.displayName }, 'settings_changed', { changed }, now)
    }
    return next
  })
}
