// Retention: records dated before the cut-off are removed from the device (DESIGN.md,
// "Security and privacy"). Pure, so the rule is tested without a database.
import { addMonths, type IsoDate } from '@/lib/dates'

/** The first date kept: today minus the retention period. Records dated before it go. */
export function retentionCutoff(today: IsoDate, months: number): IsoDate {
  return addMonths(today, -months)
}

/** Drafts are kept by their last edit: the same cut-off, as a timestamp. */
export function draftCutoffTimestamp(cutoff: IsoDate): string {
  return `${cutoff}T00:00:00.000Z`
}
