// Where the activity settings are kept: one row of the meta table.
import { readMeta, writeMeta } from '@/features/sync/meta'
import { activitySettingsSchema, parseActivitySettings, type ActivitySettings } from '@/schemas/activitySettings'

const KEY = 'activitySettings'

export async function readActivitySettings(): Promise<ActivitySettings> {
  return parseActivitySettings(await readMeta(KEY))
}

export async function writeActivitySettings(settings: ActivitySettings): Promise<ActivitySettings> {
  const valid = activitySettingsSchema.parse(settings)
  await writeMeta(KEY, valid)
  return valid
}
