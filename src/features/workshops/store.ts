// Workshops: plan, run, log; the planned ones listed live.
import { defineStore } from 'pinia'
import { today, addMonths } from '@/lib/dates'
import { useLiveQuery } from '@/db/useLiveQuery'
import { useActivitySettingsStore } from '@/features/journal/activitySettingsStore'
import { listScenarios, scenarioSteps, scenarioThemes } from '@/features/scenarios/catalogueLookup'
import type { SaveOptions } from '@/features/sync/records'
import type { Workshop } from '@/schemas/workshop'
import { workshopsRepo } from './repo'
import { emptyWorkshopValues, toContent, type WorkshopFormValues } from './formValues'

export const useWorkshopsStore = defineStore('workshops', () => {
  const settings = useActivitySettingsStore()
  // Planned workshops from a month back to a year ahead: the facilitator's agenda.
  const { data: planned } = useLiveQuery<Workshop[]>(
    async () => (await workshopsRepo.page({ from: addMonths(today(), -1), to: addMonths(today(), 12), limit: 200, filter: (w) => w.status === 'planned' })).reverse(),
    [],
  )

  async function newValues(): Promise<WorkshopFormValues> {
    return emptyWorkshopValues(await settings.load(), today())
  }

  return {
    planned,
    newValues,
    /** Validated once, in the repository; the result says why nothing was written. */
    save: (values: WorkshopFormValues, options: SaveOptions = {}) => workshopsRepo.save(toContent(values), options),
    get: (id: string) => workshopsRepo.get(id),
    remove: (id: string) => workshopsRepo.remove(id),
    catalogue: listScenarios,
    steps: scenarioSteps,
    themesOfScenarios: scenarioThemes,
  }
})
