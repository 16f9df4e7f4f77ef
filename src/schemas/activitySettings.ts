// Domain settings of activity logging on this device: the default place, the retention period
// and the CSV separator. Pure: defaults and parsing; the journal stores them in `meta`.
import { z } from 'zod'
import { PLACE_TYPES } from './lists.ts'
import { postcodeSchema } from './activity.ts'

export const activitySettingsSchema = z.object({
  placeType: z.enum(PLACE_TYPES),
  placeName: z.string().trim().max(200).nullable(),
  placeCommune: z.string().trim().max(120).nullable(),
  placePostcode: postcodeSchema,
  /** Records whose date is older than this many months are purged from the device. */
  retentionMonths: z.number().int().min(1).max(120),
  csvSeparator: z.enum([';', ',']),
})
export type ActivitySettings = z.infer<typeof activitySettingsSchema>

export const DEFAULT_ACTIVITY_SETTINGS: ActivitySettings = {
  placeType: 'lieu_activite',
  placeName: null,
  placeCommune: null,
  placePostcode: null,
  retentionMonths: 24,
  csvSeparator: ';',
}

/** Stored settings, field by field: a malformed field falls back to its default. */
export function parseActivitySettings(raw: unknown): ActivitySettings {
  const whole = activitySettingsSchema.safeParse(raw)
  if (whole.success) return whole.data
  const out: Record<string, unknown> = { ...DEFAULT_ACTIVITY_SETTINGS }
  if (raw && typeof raw === 'object') {
    for (const [key, field] of Object.entries(activitySettingsSchema.shape)) {
      const parsed = field.safeParse((raw as Record<string, unknown>)[key])
      if (parsed.success) out[key] = parsed.data
    }
  }
  return activitySettingsSchema.parse(out)
}
