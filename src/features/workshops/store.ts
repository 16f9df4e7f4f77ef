// Workshops: plan, run, log; the planned ones listed live.
import { defineStore } from 'pinia'
import { ZodError } from 'zod'
import { fieldErrors } from '@/features/sync/record'
import { today, addMonths } from '@/lib/dates'
import { useLiveQuery } from '@/features/sessions/useLiveQuery'
import { useSessionLogsStore, type SaveResult } from '@/features/sessions/store'
import { listScenarios, scenarioSteps, scenarioThemes } from '@/features/sessions/scenarioCatalogue'
import { deleteWorkshop, getWorkshop, pageWorkshops, saveWorkshop } from './repo'
import { workshopContentSchema, type Workshop } from './schema'
import { emptyWorkshopValues, toContent, type WorkshopFormValues } from './formValues'

export function validateWorkshop(values: WorkshopFormValues) {
  const result = workshopContentSchema.safeParse(toContent(values))
  return result.success ? [] : fieldErrors(result.error)
}

export const useWorkshopsStore = defineStore('workshops', () => {
  const sessions = useSessionLogsStore()
  // Planned workshops from a month back to a year ahead: the facilitator's agenda.
  const { data: planned } = useLiveQuery<Workshop[]>(
    async () => (await pageWorkshops({ from: addMonths(today(), -1), to: addMonths(today(), 12), limit: 200, filter: (w) => w.status === 'planned' })).reverse(),
    [],
  )

  async function newValues(): Promise<WorkshopFormValues> {
    return emptyWorkshopValues(await sessions.loadSettings(), today())
  }

  async function save(values: WorkshopFormValues, options: { id?: string | null; draftId?: string | null } = {}): Promise<SaveResult<Workshop>> {
    const parsed = workshopContentSchema.safeParse(toContent(values))
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) }
    try {
      return { ok: true, record: await saveWorkshop(parsed.data, options) }
    } catch (error) {
      if (error instanceof ZodError) return { ok: false, errors: fieldErrors(error) }
      throw error
    }
  }

  return {
    planned,
    newValues,
    save,
    get: (id: string) => getWorkshop(id),
    remove: (id: string) => deleteWorkshop(id),
    catalogue: listScenarios,
    steps: scenarioSteps,
    themesOfScenarios: scenarioThemes,
  }
})
