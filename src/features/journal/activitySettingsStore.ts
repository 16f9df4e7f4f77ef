// The activity settings of this device (default place, retention, CSV separator) and the
// retention purge they drive: shared by both kinds of activity, the journal and Settings.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { today } from '@/lib/dates'
import { DEFAULT_ACTIVITY_SETTINGS, type ActivitySettings } from '@/schemas/activitySettings'
import { readActivitySettings, retentionSetByStructure, writeActivitySettings } from './activitySettings'
import { retentionCutoff } from './retention'
import { countPastRetention, purgePastRetention, type RetentionCounts } from './purge'

export const useActivitySettingsStore = defineStore('activitySettings', () => {
  const settings = ref<ActivitySettings>({ ...DEFAULT_ACTIVITY_SETTINGS })
  const loaded = ref(false)
  /** The structure this device is linked to sets the retention period. */
  const retentionFromStructure = ref(false)

  async function load(): Promise<ActivitySettings> {
    if (!loaded.value) {
      settings.value = await readActivitySettings()
      retentionFromStructure.value = await retentionSetByStructure()
      loaded.value = true
    }
    return settings.value
  }

  async function save(next: ActivitySettings): Promise<void> {
    settings.value = await writeActivitySettings(next)
    loaded.value = true
  }

  /** What the retention period would remove today (shown before asking to confirm). */
  async function retentionPreview(): Promise<RetentionCounts> {
    const { retentionMonths } = await load()
    return countPastRetention(retentionCutoff(today(), retentionMonths))
  }

  return { settings, retentionFromStructure, load, save, retentionPreview, purge: (cutoff: string) => purgePastRetention(cutoff) }
})
