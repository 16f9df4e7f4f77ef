// What the console's API answers: the shared schemas' types (src/schemas/console.ts), plus the
// app's own.
import type { ActivityReportAnswer, ReportQuery } from '@/schemas/console'
import type { ActivityStats } from '@/lib/activityStats'

export type {
  AuditLine, ConsoleSession, IssuedCode, Person, PersonDevice, PersonFigures, PlacesOverview,
  PlacesUploadReport, PlacesValueIssue, ReportQuery, StructureSettings,
} from '@/schemas/console'

export type ExportFormat = 'xlsx' | 'csv' | 'json'

/** The report with its statistics in the tablet's own shape (src/lib/activityStats.ts). */
export type ActivityReport = Omit<ActivityReportAnswer, 'stats' | 'query'> & { stats: ActivityStats; query: ReportQuery }
