// What the coordinator console's API answers (server/src/services/console-*.ts; docs/console.md):
// the server's types and the app's parsing of every answer, from one definition.
import { z } from 'zod'
import { ROLES } from './sync.ts'

const role = z.enum(ROLES)
const iso = z.string().min(1)

export const consoleSessionSchema = z.object({
  user: z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() }),
  structure: z.object({ id: z.string(), name: z.string() }),
})
export type ConsoleSession = z.infer<typeof consoleSessionSchema>

export const personDeviceSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  enrolledAt: iso,
  /** The later of its last push and last pull: when it last synced. */
  lastSyncAt: iso.nullable(),
  revokedAt: iso.nullable(),
})
export type PersonDevice = z.infer<typeof personDeviceSchema>

export const personSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role,
  email: z.string().nullable(),
  active: z.boolean(),
  /** A coordinator who has set a password. */
  canSignIn: z.boolean(),
  devices: z.array(personDeviceSchema),
  /** Records (accompaniments, workshops) received from this person in the last 30 days. */
  recordsLast30Days: z.number().int().min(0),
  /** When the newest unused code expires, if one is waiting. */
  pendingCodeExpiresAt: iso.nullable(),
})
export type Person = z.infer<typeof personSchema>
export const peopleAnswerSchema = z.object({ people: z.array(personSchema) })

export const issuedCodeSchema = z.object({ userId: z.string(), displayName: z.string(), role, code: z.string(), expiresAt: iso })
export type IssuedCode = z.infer<typeof issuedCodeSchema>

export const structureSettingsSchema = z.object({
  name: z.string(),
  structureType: z.string().nullable(),
  commune: z.string().nullable(),
  communePostcode: z.string().nullable(),
  retentionMonths: z.number().int().min(1),
})
export type StructureSettings = z.infer<typeof structureSettingsSchema>

export interface ReportQuery {
  from: string
  to: string
  person?: string
  kind?: string
  theme?: string
  place?: string
}

export const personFiguresSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: role.nullable(),
  activities: z.number(),
  individuel: z.number(),
  collectif: z.number(),
  people: z.number(),
  minutes: z.number(),
})
export type PersonFigures = z.infer<typeof personFiguresSchema>

/**
 * The statistics are src/lib/activityStats.ts's `ActivityStats` (typed where it is read: that
 * module sits above this floor); the answer checks that its totals are there.
 */
const statsSchema = z.looseObject({ activities: z.number(), people: z.number(), minutes: z.number() })

export const activityReportSchema = z.object({
  query: z.looseObject({ from: z.string(), to: z.string() }),
  granularity: z.enum(['week', 'month']),
  stats: statsSchema,
  byPerson: z.array(personFiguresSchema),
  filters: z.object({ people: z.array(z.object({ userId: z.string(), displayName: z.string(), role })), places: z.array(z.string()) }),
})
/** As parsed; the app and the server read `stats` as `ActivityStats` and `query` as their query type. */
export type ActivityReportAnswer = z.infer<typeof activityReportSchema>

export const auditLineSchema = z.object({ id: z.string(), at: iso, actorName: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()) })
export type AuditLine = z.infer<typeof auditLineSchema>
export const auditAnswerSchema = z.object({ lines: z.array(auditLineSchema), more: z.boolean() })

export const placesOverviewSchema = z.object({
  /** The départements the structure keeps (null: every département of a file). */
  departements: z.array(z.string()).nullable(),
  places: z.number().int().min(0),
})
export type PlacesOverview = z.infer<typeof placesOverviewSchema>

const valueIssue = z.object({ row: z.number(), field: z.string(), value: z.string(), reason: z.string() })
export type PlacesValueIssue = z.infer<typeof valueIssue>

/** POST …/places: the import report, the first 100 rows of each list with whole counts. */
export const placesUploadReportSchema = z.object({
  format: z.enum(['v1', 'v0']),
  rowsRead: z.number(),
  kept: z.number(),
  outsideDepartements: z.number(),
  departements: z.array(z.string()).nullable(),
  rejected: z.array(z.object({ row: z.number(), name: z.string().nullable(), reasons: z.array(z.object({ field: z.string(), value: z.string(), reason: z.string() })) })),
  rejectedCount: z.number(),
  dropped: z.array(valueIssue),
  droppedCount: z.number(),
  keptAsText: z.array(valueIssue),
  keptAsTextCount: z.number(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
})
export type PlacesUploadReport = z.infer<typeof placesUploadReportSchema>

/** Any answer whose body the app does not read (sign-out, revoke…). */
export const anyAnswerSchema = z.unknown()
