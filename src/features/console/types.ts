// What the console's API answers: the shared schemas' types (src/schemas/console.ts), plus the
// app's own.
export type {
  ActivityReport, AuditLine, ConsoleSession, IssuedCode, Person, PersonDevice, PersonFigures, PlacesOverview,
  PlacesUploadReport, PlacesValueIssue, ReportQuery, StructureSettings,
} from '@/schemas/console'

export type ExportFormat = 'xlsx' | 'csv' | 'json'
