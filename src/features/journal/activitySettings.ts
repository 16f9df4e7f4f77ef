// Where the activity settings are kept: one row of the meta table. On a device linked to a
// structure, the retention period is the structure's (one retention setting, DESIGN.md).
import { readMeta, writeMeta } from '@/features/sync/meta'
import { readEnrolment } from '@/features/sync/repo'
import { activitySettingsSchema, parseActivitySettings, type ActivitySettings } from '@/schemas/activitySettings'

const KEY = 'activitySettings'

export async function readActivitySettings(): Promise<ActivitySettings> {
  const settings = parseActivitySettings(await readMeta(KEY))
  const enrolment = await readEnrolment()
  return enrolment ? { ...settings, retentionMonths: enrolment.retentionMonths } : settings
}

/** True when the retention period is set by the structure this device is linked to. */
export async function retentionSetByStructure(): Promise<boolean> {
  return (await readEnrolment()) !== null
}

export async function writeActivitySettings(settings: ActivitySettings): Promise<ActivitySettings> {
  const valid = activitySettingsSchema.parse(settings)
  await writeMeta(KEY, valid)
  return valid
}
