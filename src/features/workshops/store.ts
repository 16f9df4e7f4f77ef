// Workshops: plan, run, log; the planned ones listed live.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { today } from '@/lib/dates'
import { useLiveQuery } from '@/db/useLiveQuery'
import { useActivitySettingsStore } from '@/features/journal/activitySettingsStore'
import { listScenarios, scenarioMainThemes, scenarioNotes, scenarioSteps } from '@/features/scenarios/catalogueLookup'
import type { SaveOptions } from '@/features/sync/records'
import type { Workshop } from '@/schemas/workshop'
import { workshopsRepo } from './repo'
import { emptyWorkshopValues, toContent, type WorkshopFormValues } from './formValues'

/** Bounds of the agenda's query: every date a record can carry. */
const EARLIEST_DATE = '0000-01-01'
const LATEST_DATE = '9999-12-31'
/** More planned workshops than anyone keeps (past it, the furthest dates are listed). */
const MAX_PLANNED = 500

export const useWorkshopsStore = defineStore('workshops', () => {
  const settings = useActivitySettingsStore()
  // Every planned workshop, whatever its date (a plan for next year, or one past its day and
  // not logged yet, stays on the agenda until it is logged or deleted), soonest first.
  const { data: planned } = useLiveQuery<Workshop[]>(
    async () => (await workshopsRepo.page({ from: EARLIEST_DATE, to: LATEST_DATE, limit: MAX_PLANNED, filter: (w) => w.status === 'planned' })).reverse(),
    [],
  )
  /** Planned for a day already past: held (and to be logged) or to be moved. */
  const overdue = computed(() => planned.value.filter((w) => w.date < today()))
  const upcoming = computed(() => planned.value.filter((w) => w.date >= today()))

  async function newValues(): Promise<WorkshopFormValues> {
    return emptyWorkshopValues(await settings.load(), today())
  }

  return {
    planned,
    overdue,
    upcoming,
    newValues,
    /** Validated once, in the repository; the result says why nothing was written. */
    save: (values: WorkshopFormValues, options: SaveOptions = {}) => workshopsRepo.save(toContent(values), options),
    get: (id: string) => workshopsRepo.get(id),
    remove: (id: string) => workshopsRepo.remove(id),
    catalogue: listScenarios,
    steps: scenarioSteps,
    notes: scenarioNotes,
    themesOfScenarios: (ids: readonly string[]) => scenarioMainThemes(ids),
  }
})
