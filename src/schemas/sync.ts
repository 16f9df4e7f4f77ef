// The bodies and answers of the sync HTTP API (DESIGN.md, "Sync protocol"; docs/sync.md), shared
// by the sync client and the server, which parse every body and answer with these schemas.
// The shapes are a contract other tools speak too: add optional fields, never rename.
import { z } from 'zod'
import { recordBaseShape, SYNCED_TABLES } from './record.ts'

/** Batches a device sends: at most this many mutations… */
export const PUSH_MAX_MUTATIONS = 500
/** …or this many bytes of JSON before compression, whichever comes first. */
export const PUSH_MAX_JSON_BYTES = 1_000_000
/** The server refuses a push body larger than this after decompression. */
export const PUSH_MAX_BODY_BYTES = 2 * 1024 * 1024
export const PULL_DEFAULT_LIMIT = 500
export const PULL_MAX_LIMIT = 1000

/** A device's mutation id: from its `meta` counter, 1, 2, 3…, never reused. */
export const mutationIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
/**
 * The client's database schema version (DB_SCHEMA_VERSION), sent with every request. Any
 * non-negative integer parses, so that the server can answer 426 app_too_old to one it no
 * longer accepts instead of a bare 400.
 */
export const schemaVersionSchema = z.number().int().min(0).max(1_000_000)
export const syncOpSchema = z.enum(['put', 'delete'])
export type SyncOp = z.infer<typeof syncOpSchema>

/** A record as it travels; each table's own schema validates it further. */
const wireRecordSchema = z.looseObject({ id: z.string().min(1).max(64) })

// ---- Enrolment ---------------------------------------------------------------------------

export const enrolRequestSchema = z.object({
  /** The one-time code, as typed or scanned (spaces, dashes and case do not matter). */
  code: z.string().min(1).max(64),
  deviceName: z.string().trim().max(100),
  /** The lowest mutation id still in the outbox, or the counter's next value when empty. */
  nextMutationId: mutationIdSchema,
  schemaVersion: schemaVersionSchema.optional(),
})
export type EnrolRequest = z.infer<typeof enrolRequestSchema>

export const ROLES = ['agent', 'volunteer', 'coordinator'] as const
export type Role = (typeof ROLES)[number]

export const syncUserSchema = z.object({ id: z.string(), role: z.enum(ROLES), displayName: z.string() })
export const syncStructureSchema = z.object({ id: z.string(), name: z.string(), retentionMonths: z.number().int().min(1) })

export const enrolResponseSchema = z.object({
  /** Sent back only as `Authorization: Bearer <token>`; the server keeps its hash only. */
  token: z.string().min(32),
  deviceId: z.string(),
  user: syncUserSchema,
  structure: syncStructureSchema,
})
export type EnrolResponse = z.infer<typeof enrolResponseSchema>

// ---- Settings (what a device re-reads to learn changes made after its enrolment) -----------

export const syncSettingsResponseSchema = z.object({
  deviceId: z.string(),
  user: syncUserSchema,
  structure: syncStructureSchema,
})
export type SyncSettingsResponse = z.infer<typeof syncSettingsResponseSchema>

// ---- Push --------------------------------------------------------------------------------

/**
 * One mutation as sent. Its table and record are checked by the server one by one: a
 * mutation it can never accept is rejected (kept with its reason) while the push moves past
 * it, so only the envelope makes a body unparseable.
 */
export const mutationSchema = z.object({
  id: mutationIdSchema,
  table: z.string().min(1).max(64),
  op: syncOpSchema,
  /** The schema version the payload was written in (the outbox entry keeps it). */
  schemaVersion: schemaVersionSchema,
  record: wireRecordSchema,
})
export type Mutation = z.infer<typeof mutationSchema>

export const pushRequestSchema = z.object({
  schemaVersion: schemaVersionSchema,
  mutations: z.array(mutationSchema).max(PUSH_MAX_MUTATIONS),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

export const rejectionSchema = z.object({ id: mutationIdSchema, reason: z.string() })
export type Rejection = z.infer<typeof rejectionSchema>

export const pushResponseSchema = z.object({
  /** Every mutation up to this id is applied or rejected: the outbox may drop them. */
  lastMutationId: z.number().int().min(0),
  rejected: z.array(rejectionSchema),
})
export type PushResponse = z.infer<typeof pushResponseSchema>

// ---- Pull --------------------------------------------------------------------------------

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
  schemaVersion: z.coerce.number().int().min(0).max(1_000_000).optional(),
})
export type PullQuery = z.infer<typeof pullQuerySchema>

export const syncedTableSchema = z.enum(SYNCED_TABLES)

/**
 * One change. `record.rev` equals `rev`. A deletion (`op: 'delete'`) carries a tombstone: the
 * base fields, the kind and the date only (`TOMBSTONE_KEYS`), never the notes.
 */
export const pullChangeSchema = z.object({
  rev: z.number().int().min(1),
  table: z.string(),
  op: syncOpSchema,
  record: wireRecordSchema,
})
export type PullChange = z.infer<typeof pullChangeSchema>

/** What a pulled deletion must at least hold. */
export const tombstoneSchema = z.looseObject({
  ...recordBaseShape,
  deletedAt: recordBaseShape.deletedAt.unwrap(),
})

export const pullResponseSchema = z.object({
  /** Oldest first; every change has its own rev, so a page may end anywhere. */
  changes: z.array(pullChangeSchema),
  /** Pass it back as `cursor` for the next page; store it once the page is applied. */
  cursor: z.number().int().min(0),
  /** True when more changes wait: pull again at once. */
  more: z.boolean(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>

// ---- Errors ------------------------------------------------------------------------------

/** Every error answer: a stable code for programs and a French sentence the app may show. */
export const errorBodySchema = z.looseObject({ error: z.string(), message: z.string() })
export type ErrorBody = z.infer<typeof errorBodySchema>

/** The error codes of the sync routes (docs/sync.md lists when each is sent). */
export const SYNC_ERRORS = {
  invalidBody: 'invalid_body',
  payloadTooLarge: 'payload_too_large',
  tooManyMutations: 'too_many_mutations',
  unsupportedEncoding: 'unsupported_encoding',
  unauthorized: 'unauthorized',
  deviceRevoked: 'device_revoked',
  appTooOld: 'app_too_old',
  serverTooOld: 'server_too_old',
  mutationGap: 'mutation_gap',
  invalidCode: 'invalid_code',
  codeExpired: 'code_expired',
  codeUsed: 'code_used',
  enrolmentLocked: 'enrolment_locked',
  tooManyRequests: 'too_many_requests',
} as const
export type SyncErrorCode = (typeof SYNC_ERRORS)[keyof typeof SYNC_ERRORS]

export const mutationGapBodySchema = errorBodySchema.extend({ error: z.literal('mutation_gap'), lastMutationId: z.number().int().min(0) })
export const appTooOldBodySchema = errorBodySchema.extend({ error: z.literal('app_too_old'), minSchemaVersion: z.number().int() })
