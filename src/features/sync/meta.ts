// The meta table: this device's id, its enrolment and small settings, as key → value rows.
import { db, type TandemDatabase } from '@/db/database'
import { newId } from '@/lib/ids'

const DEVICE_ID = 'deviceId'
/** Written by enrolment: `{ structureId, userId, … }`. */
export const ENROLMENT_KEY = 'enrolment'
const cache = new WeakMap<TandemDatabase, string>()

/**
 * This device's id (a ULID), created on first use. Created inside a read-write transaction so
 * two tabs opening at once agree on one id.
 */
export async function getDeviceId(): Promise<string> {
  const database = db()
  const cached = cache.get(database)
  if (cached) return cached
  const id = await database.transaction('rw', database.meta, async () => {
    const row = await database.meta.get(DEVICE_ID)
    if (typeof row?.value === 'string') return row.value
    const created = newId()
    await database.meta.put({ key: DEVICE_ID, value: created })
    return created
  })
  cache.set(database, id)
  return id
}

/** Who writes: the enrolled structure and user, or null and this device's id before enrolment. */
export async function readAuthorship(deviceId: string): Promise<{ structureId: string | null; authorId: string }> {
  const value = (await db().meta.get(ENROLMENT_KEY))?.value as { structureId?: unknown; userId?: unknown } | undefined
  const structureId = typeof value?.structureId === 'string' ? value.structureId : null
  const userId = typeof value?.userId === 'string' ? value.userId : null
  return { structureId, authorId: userId ?? deviceId }
}

export async function readMeta(key: string): Promise<unknown> {
  return (await db().meta.get(key))?.value
}

export async function writeMeta(key: string, value: unknown): Promise<void> {
  await db().meta.put({ key, value })
}
