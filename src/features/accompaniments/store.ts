// Accompaniments: new form values from the device's settings, saving, reading, deleting.
import { defineStore } from 'pinia'
import { today } from '@/lib/dates'
import { useActivitySettingsStore } from '@/features/journal/activitySettingsStore'
import { listScenarios, scenarioThemes } from '@/features/scenarios/catalogueLookup'
import type { SaveOptions } from '@/features/sync/records'
import { accompanimentsRepo } from './repo'
import { emptyAccompanimentValues, type AccompanimentFormValues } from './formValues'

export const useAccompanimentsStore = defineStore('accompaniments', () => {
  const settings = useActivitySettingsStore()

  async function newValues(): Promise<AccompanimentFormValues> {
    return emptyAccompanimentValues(await settings.load(), today())
  }

  return {
    newValues,
    /** Validated once, in the repository; the result says why nothing was written. */
    save: (values: AccompanimentFormValues, options: SaveOptions = {}) => accompanimentsRepo.save(values, options),
    get: (id: string) => accompanimentsRepo.get(id),
    remove: (id: string) => accompanimentsRepo.remove(id),
    themesOfScenarios: (ids: readonly string[]) => scenarioThemes(ids),
    catalogue: listScenarios,
  }
})
