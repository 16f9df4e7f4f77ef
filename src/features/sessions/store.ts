// Accompaniment logs: saving, reading, deleting, and the activity settings they default from.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ZodError } from 'zod'
import { fieldErrors, type FieldError } from '@/features/sync/record'
import { today } from '@/lib/dates'
import { DEFAULT_ACTIVITY_SETTINGS, type ActivitySettings } from './activitySettings'
import { readActivitySettings, writeActivitySettings } from './settingsRepo'
import { deleteSessionLog, getSessionLog, saveSessionLog } from './repo'
import { sessionContentSchema, type SessionLog } from './schema'
import { listScenarios, scenarioThemes } from './scenarioCatalogue'
import { emptySessionValues, type SessionFormValues } from './formValues'
import { retentionCutoff } from './retention'
import { countPastRetention, purgePastRetention, type RetentionCounts } from './retentionRepo'

export type SaveResult<T> = { ok: true; record: T } | { ok: false; errors: FieldError[] }

/** Validates without saving: the errors the form shows. */
export function validateSession(values: SessionFormValues): FieldError[] {
  const result = sessionContentSchema.safeParse(values)
  return result.success ? [] : fieldErrors(result.error)
}

export const useSessionLogsStore = defineStore('sessionLogs', () => {
  const settings = ref<ActivitySettings>({ ...DEFAULT_ACTIVITY_SETTINGS })
  const settingsLoaded = ref(false)

  async function loadSettings(): Promise<ActivitySettings> {
    if (!settingsLoaded.value) {
      settings.value = await readActivitySettings()
      settingsLoaded.value = true
    }
    return settings.value
  }

  async function saveSettings(next: ActivitySettings): Promise<void> {
    settings.value = await writeActivitySettings(next)
    settingsLoaded.value = true
  }

  async function newValues(): Promise<SessionFormValues> {
    return emptySessionValues(await loadSettings(), today())
  }

  /** Saves a log (and deletes its draft in the same transaction). Storage failures throw. */
  async function save(values: SessionFormValues, options: { id?: string | null; draftId?: string | null } = {}): Promise<SaveResult<SessionLog>> {
    const parsed = sessionContentSchema.safeParse(values)
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) }
    try {
      return { ok: true, record: await saveSessionLog(parsed.data, options) }
    } catch (error) {
      if (error instanceof ZodError) return { ok: false, errors: fieldErrors(error) }
      throw error
    }
  }

  /** What the retention period would remove today (shown before asking to confirm). */
  async function retentionPreview(): Promise<RetentionCounts> {
    const { retentionMonths } = await loadSettings()
    return countPastRetention(retentionCutoff(today(), retentionMonths))
  }

  /** Removes what is past retention, with the same cut-off the person confirmed. */
  async function purge(cutoff: string): Promise<RetentionCounts> {
    return purgePastRetention(cutoff)
  }

  return {
    settings,
    retentionPreview,
    purge,
    loadSettings,
    saveSettings,
    newValues,
    save,
    get: (id: string) => getSessionLog(id),
    remove: (id: string) => deleteSessionLog(id),
    themesOfScenarios: (ids: readonly string[]) => scenarioThemes(ids),
    catalogue: listScenarios,
  }
})
