// Applies the retention period to every dated table of this device, in one place.
import { countSessionLogsBefore, purgeSessionLogsBefore } from './repo'
import { countWorkshopsBefore, purgeWorkshopsBefore } from '@/features/workshops/repo'
import { countDraftsBefore, purgeDraftsBefore } from '@/features/drafts/repo'
import { draftCutoffTimestamp } from './retention'

export interface RetentionCounts {
  cutoff: string
  sessions: number
  workshops: number
  drafts: number
}

export async function countPastRetention(cutoff: string): Promise<RetentionCounts> {
  const [sessions, workshops, drafts] = await Promise.all([
    countSessionLogsBefore(cutoff),
    countWorkshopsBefore(cutoff),
    countDraftsBefore(draftCutoffTimestamp(cutoff)),
  ])
  return { cutoff, sessions, workshops, drafts }
}

export async function purgePastRetention(cutoff: string): Promise<RetentionCounts> {
  const sessions = await purgeSessionLogsBefore(cutoff)
  const workshops = await purgeWorkshopsBefore(cutoff)
  const drafts = await purgeDraftsBefore(draftCutoffTimestamp(cutoff))
  return { cutoff, sessions, workshops, drafts }
}
