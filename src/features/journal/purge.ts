// Retention on this device: counts and removes what is dated before the cut-off, in every dated
// table (reached by table name through the shared repository functions) and the drafts.
import { countPurgeable, purgeBefore } from '@/features/sync/records'
import { activityDaysDerivation } from './days'
import { countDraftsBefore, purgeDraftsBefore } from './drafts'
import { draftCutoffTimestamp } from './retention'

export interface RetentionCounts {
  cutoff: string
  accompaniments: number
  workshops: number
  drafts: number
}

export async function countPastRetention(cutoff: string): Promise<RetentionCounts> {
  const [accompaniments, workshops, drafts] = await Promise.all([
    countPurgeable('accompaniments', cutoff),
    countPurgeable('workshops', cutoff),
    countDraftsBefore(draftCutoffTimestamp(cutoff)),
  ])
  return { cutoff, accompaniments, workshops, drafts }
}

export async function purgePastRetention(cutoff: string): Promise<RetentionCounts> {
  const accompaniments = await purgeBefore('accompaniments', cutoff, activityDaysDerivation)
  const workshops = await purgeBefore('workshops', cutoff, activityDaysDerivation)
  const drafts = await purgeDraftsBefore(draftCutoffTimestamp(cutoff))
  return { cutoff, accompaniments, workshops, drafts }
}
