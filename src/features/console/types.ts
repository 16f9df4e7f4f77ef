// What the console's API answers (server/src/services/console-*.ts), as the console reads it.
import type { Role } from '@/schemas/sync'
import type { ActivityStats, Granularity } from '@/lib/activityStats'

export interface ConsoleSession {
  user: { id: string; displayName: string; email: string | null }
  structure: { id: string; name: string }
}

export interface PersonDevice {
  deviceId: string
  name: string
  enrolledAt: string
  lastSyncAt: string | null
  revokedAt: string | null
}

export interface Person {
  userId: string
  displayName: string
  role: Role
  email: string | null
  active: boolean
  canSignIn: boolean
  devices: PersonDevice[]
  recordsLast30Days: number
  pendingCodeExpiresAt: string | null
}

export interface IssuedCode {
  userId: string
  displayName: string
  role: Role
  code: string
  expiresAt: string
}

export interface StructureSettings {
  name: string
  structureType: string | null
  commune: string | null
  communePostcode: string | null
  retentionMonths: number
}

export interface ReportQuery {
  from: string
  to: string
  person?: string
  kind?: string
  theme?: string
  place?: string
}

export interface PersonFigures {
  userId: string
  displayName: string
  role: Role | null
  activities: number
  individuel: number
  collectif: number
  people: number
  minutes: number
}

export interface ActivityReport {
  query: ReportQuery
  granularity: Granularity
  stats: ActivityStats
  byPerson: PersonFigures[]
  filters: { people: { userId: string; displayName: string; role: Role }[]; places: string[] }
}

export interface AuditLine {
  id: string
  at: string
  actorName: string
  action: string
  details: Record<string, unknown>
}

export type ExportFormat = 'xlsx' | 'csv' | 'json'

/** GET …/places (server/src/services/console-places.ts). */
export interface PlacesOverview {
  /** The départements the structure keeps (null: every département of a file). */
  departements: string[] | null
  places: number
}

export interface PlacesValueIssue {
  row: number
  field: string
  value: string
  reason: string
}

/** POST …/places: the import report, the first 100 rows of each list with whole counts. */
export interface PlacesUploadReport {
  format: 'v1' | 'v0'
  rowsRead: number
  kept: number
  outsideDepartements: number
  departements: string[] | null
  rejected: Array<{ row: number; name: string | null; reasons: Array<{ field: string; value: string; reason: string }> }>
  rejectedCount: number
  dropped: PlacesValueIssue[]
  droppedCount: number
  keptAsText: PlacesValueIssue[]
  keptAsTextCount: number
  added: number
  updated: number
  unchanged: number
  removed: number
}
