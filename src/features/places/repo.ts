// The places directory on this device: the only code of the feature that touches its Dexie
// tables (`places`, and `placeCommunes`, the commune centres derived from them).
//
// Guarantees (tests/unit/places/repo.test.ts):
// - The commune centres move with every write of a place, in the SAME transaction, whether the
//   place came from a local import or a sync pull (`communeCentresDerivation`, also bound to
//   the sync client in src/app/sync.ts).
// - A local import writes in one transaction; a place whose content did not change is not
//   written at all, so importing the same file twice changes nothing.
// - Places never enter the outbox: the directory is the structure's, written by the server's
//   import; a device that is not enrolled keeps its own imported copy.
import { db } from '@/db/database'
import type { Derived } from '@/features/sync/outbox'
import { getDeviceId, readAuthorship } from '@/features/sync/meta'
import { adjustCentre } from '@/lib/places/search'
import { sameContent } from '@/lib/places/sameContent'
import type { ImportedPlace } from '@/lib/places/importRows'
import type { CommuneCentre, Place } from '@/schemas/places'

const places = () => db().table<Place, string>('places')
const centres = () => db().table<CommuneCentre, string>('placeCommunes')

const live = (place: Place | undefined): place is Place => place !== undefined && !place.deletedAt

/** Moves the weight of many places from their old commune centres to their new ones, in two reads and writes. Call inside a transaction. */
async function applyCentreChanges(changes: readonly { before: Place | undefined; after: Place | undefined }[]): Promise<void> {
  const moves: [Place, 1 | -1][] = []
  for (const { before, after } of changes) {
    if (live(before)) moves.push([before, -1])
    if (live(after)) moves.push([after, 1])
  }
  if (moves.length === 0) return
  const keys = [...new Set(moves.map(([p]) => `${p.postcode}|${p.communeKey}`))]
  const current = new Map<string, CommuneCentre | undefined>()
  ;(await centres().bulkGet(keys)).forEach((centre, i) => current.set(keys[i]!, centre))
  for (const [place, sign] of moves) {
    const key = `${place.postcode}|${place.communeKey}`
    current.set(key, adjustCentre(current.get(key), place, sign))
  }
  const emptied = [...current].filter(([, c]) => c !== undefined && c.places <= 0).map(([k]) => k)
  await centres().bulkDelete(emptied)
  await centres().bulkPut([...current.values()].filter((c): c is CommuneCentre => c !== undefined && c.places > 0))
}

/** Moves a place's weight from its old commune centre to its new one. Call inside a transaction. */
export async function applyCentreChange(before: Place | undefined, after: Place | undefined): Promise<void> {
  await applyCentreChanges([{ before, after }])
}

export const communeCentresDerivation: Derived<Place> = { tables: ['placeCommunes'], apply: applyCentreChange }

export interface LocalImportResult {
  added: number
  updated: number
  unchanged: number
}

/** Stores imported places on this device in one transaction (see the header). */
export async function saveImportedPlaces(imported: readonly ImportedPlace[], now = new Date()): Promise<LocalImportResult> {
  const database = db()
  const deviceId = await getDeviceId()
  return database.transaction('rw', [places(), centres(), database.meta], async () => {
    const authorship = await readAuthorship(deviceId)
    const stamp = now.toISOString()
    const result: LocalImportResult = { added: 0, updated: 0, unchanged: 0 }
    const existing = await places().bulkGet(imported.map((p) => p.id))
    const writes: Place[] = []
    const changes: { before: Place | undefined; after: Place }[] = []
    for (const [i, next] of imported.entries()) {
      const stored = existing[i]
      if (stored && !stored.deletedAt && sameContent(stored, next)) {
        result.unchanged++
        continue
      }
      const record: Place = {
        ...next,
        structureId: stored?.structureId ?? authorship.structureId,
        authorId: stored?.authorId ?? authorship.authorId,
        createdAt: stored?.createdAt ?? stamp,
        updatedAt: stamp,
        deletedAt: null,
        rev: stored?.rev ?? null,
      }
      if (stored && !stored.deletedAt) result.updated++
      else result.added++
      changes.push({ before: stored, after: record })
      writes.push(record)
    }
    await applyCentreChanges(changes)
    await places().bulkPut(writes)
    return result
  })
}

/** Removes every place and commune centre from this device (a directory imported by mistake). */
export async function clearPlaces(): Promise<void> {
  await db().transaction('rw', [places(), centres()], async () => {
    await places().clear()
    await centres().clear()
  })
}

export async function getPlace(id: string): Promise<Place | undefined> {
  const place = await places().get(id)
  return live(place) ? place : undefined
}

export async function placesByPostcode(postcode: string): Promise<Place[]> {
  return (await places().where('postcode').equals(postcode).toArray()).filter(live)
}

export async function placesByCommunes(keys: readonly string[]): Promise<Place[]> {
  if (keys.length === 0) return []
  return (await places().where('communeKey').anyOf([...keys]).toArray()).filter(live)
}

export async function placesByDepartements(departements: readonly string[]): Promise<Place[]> {
  if (departements.length === 0) return []
  return (await places().where('departement').anyOf([...departements]).toArray()).filter(live)
}

export async function allCentres(): Promise<CommuneCentre[]> {
  return centres().toArray()
}

export interface DirectorySummary {
  places: number
  departements: string[]
}

/** How big the directory is and which départements it covers (read from the commune centres only). */
export async function directorySummary(): Promise<DirectorySummary> {
  const all = await centres().toArray()
  return { places: all.reduce((n, c) => n + c.places, 0), departements: [...new Set(all.map((c) => c.departement))].sort() }
}
