// Accompaniments: new form values from the device's settings, saving, reading, deleting, and the
// follow-ups they carry (« La personne souhaite un suivi »).
import { defineStore } from 'pinia'
import { today } from '@/lib/dates'
import { useActivitySettingsStore } from '@/features/journal/activitySettingsStore'
import { listScenarios, scenarioMainThemes } from '@/features/scenarios/catalogueLookup'
import type { SaveOptions, SaveResult } from '@/features/sync/records'
import type { Accompaniment } from '@/schemas/accompaniment'
import { usePlacesStore } from '@/features/places/store'
import { accompanimentsRepo } from './repo'
import { emptyAccompanimentValues, valuesFromLog, type AccompanimentFormValues } from './formValues'

export const useAccompanimentsStore = defineStore('accompaniments', () => {
  const settings = useActivitySettingsStore()

  async function newValues(): Promise<AccompanimentFormValues> {
    return emptyAccompanimentValues(await settings.load(), today())
  }

  /** Marks an accompaniment's follow-up done on `on`; a follow-up already done keeps its day. */
  async function markFollowUpDone(id: string, on: string = today()): Promise<SaveResult<Accompaniment> | null> {
    const original = await accompanimentsRepo.get(id)
    if (!original || !original.followUp || original.followUpDoneOn) return null
    return accompanimentsRepo.save({ ...valuesFromLog(original), followUpDoneOn: on }, { id })
  }

  /**
   * Validated once, in the repository; the result says why nothing was written. A new
   * accompaniment that follows up another marks that follow-up done (a separate write: if it
   * fails, the follow-up simply stays on the list, nothing is lost).
   */
  async function save(values: AccompanimentFormValues, options: SaveOptions = {}): Promise<SaveResult<Accompaniment>> {
    const result = await accompanimentsRepo.save(values, options)
    if (result.ok && result.record.followUpOf && result.record.followUpOf !== result.record.id) {
      await markFollowUpDone(result.record.followUpOf, result.record.date).catch(() => null)
    }
    return result
  }

  return {
    /** A place of the directory, for a referral chosen there. */
    place: (id: string) => usePlacesStore().get(id),
    newValues,
    save,
    markFollowUpDone,
    get: (id: string) => accompanimentsRepo.get(id),
    remove: (id: string) => accompanimentsRepo.remove(id),
    /** What a log of these scenarios prefills: their main themes only. */
    themesOfScenarios: (ids: readonly string[]) => scenarioMainThemes(ids),
    catalogue: listScenarios,
  }
})
