// A small protocol test client for the sync API: simulated devices that speak HTTP to the real
// server (through app.inject or a listening server), keep a local store, an outbox and a
// cursor as DESIGN.md's device does, and can be told to lose an answer, repeat or reorder a
// batch. Plus record builders and the SET CHECK every fault test ends with.
import { gunzipSync, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { ulid } from 'ulid'
import { buildApp } from '../../../server/src/app.ts'
import type { Database } from '../../../server/src/db/database.ts'
import { createCode, createStructure } from '../../../server/src/services/admin.ts'
import type { SyncRouteOptions } from '../../../server/src/routes/sync.ts'
import {
  enrolResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type Mutation,
  type PushResponse,
} from '../../../src/schemas/sync.ts'
import type { TestDatabase } from './databases.ts'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'OPTIONS'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface HttpAnswer {
  status: number
  headers: Record<string, unknown>
  text: string
  json(): unknown
}

export type Transport = (request: HttpRequest) => Promise<HttpAnswer>

export function injectTransport(app: FastifyInstance): Transport {
  return async (request) => {
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.headers ?? {},
      ...(request.body !== undefined ? { payload: request.body } : {}),
    })
    // inject() hands back the bytes as sent: inflate a gzip answer as a browser would.
    const text = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.rawPayload).toString('utf8') : response.body
    return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as unknown }
  }
}

export function fetchTransport(baseUrl: string): Transport {
  return async (request) => {
    const response = await fetch(`${baseUrl}${request.url}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body) } : {}),
    })
    const text = await response.text()
    return { status: response.status, headers: Object.fromEntries(response.headers), text, json: () => JSON.parse(text) as unknown }
  }
}

export interface SyncServer {
  db: Database
  app: FastifyInstance
  transport: Transport
  /** Every log line written so far, as text. */
  logs: string[]
}

export async function startSyncServer(database: TestDatabase, sync: Omit<SyncRouteOptions, 'db'> = {}): Promise<SyncServer> {
  const { db } = await database.open()
  const logs: string[] = []
  const app = await buildApp({ db, logLevel: 'trace', logStream: { write: (line) => void logs.push(line) }, sync })
  return { db, app, transport: injectTransport(app), logs }
}

// ---- Records ------------------------------------------------------------------------------

export type SyncTableName = 'accompaniments' | 'workshops'
export type TestRecord = Record<string, unknown> & { id: string; updatedAt: string }

let clock = Date.parse('2026-11-02T09:00:00.000Z')
/** Strictly increasing timestamps, so "the later write" is never ambiguous. */
export function tick(): string {
  clock += 1000
  return new Date(clock).toISOString()
}

export function accompaniment(overrides: Record<string, unknown> = {}): TestRecord {
  const now = tick()
  return {
    id: ulid(),
    structureId: null,
    authorId: 'device',
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    rev: null,
    kind: 'individuel',
    date: '2026-11-02',
    startTime: '10:00',
    durationMinutes: 30,
    placeType: 'lieu_activite',
    placeName: null,
    placeCommune: 'Vals-les-Bains',
    placePostcode: '07600',
    equipment: ['tablette'],
    themes: ['email'],
    adminThemes: [],
    procedureName: null,
    onBehalf: false,
    scenarioIds: [],
    profile: { ageBracket: 'soixante_dix_plus', status: 'retraite', gender: null, residenceCommune: null, residencePostcode: '07600', alreadyAccompanied: false },
    autonomy: 'partiellement_autonome',
    outcome: 'resolu',
    referral: { oriented: null, structureType: null, placeId: null },
    followUp: false,
    notes: '',
    ...overrides,
  } as TestRecord
}

export function workshop(overrides: Record<string, unknown> = {}): TestRecord {
  const now = tick()
  return {
    id: ulid(),
    structureId: null,
    authorId: 'device',
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    rev: null,
    kind: 'collectif',
    status: 'planned',
    title: 'Premiers pas sur tablette',
    level: 'debutant',
    date: '2026-11-20',
    startTime: '14:00',
    programme: [],
    durationMinutes: null,
    placeType: 'lieu_activite',
    placeName: null,
    placeCommune: null,
    placePostcode: null,
    equipment: ['tablette'],
    themes: ['prendre_en_main_du_materiel'],
    adminThemes: [],
    procedureName: null,
    onBehalf: false,
    participants: null,
    facilitators: [],
    notes: '',
    ...overrides,
  } as TestRecord
}

// ---- Structures ---------------------------------------------------------------------------

export interface SeededStructure {
  structureId: string
  coordinator: { userId: string; code: string }
  /** A fresh one-time code for a new person of this structure. */
  newPerson(name?: string, role?: 'agent' | 'volunteer' | 'coordinator'): Promise<{ userId: string; code: string }>
  /** A fresh one-time code for an existing person (a second device, a re-enrolment). */
  newCode(userId: string): Promise<string>
}

export async function seedStructure(db: Database, name = 'France Services Vals'): Promise<SeededStructure> {
  const created = await createStructure(db, { name, coordinatorEmail: `coord-${ulid().toLowerCase()}@example.org` })
  return {
    structureId: created.structureId,
    coordinator: { userId: created.userId, code: created.code },
    async newPerson(person = 'Awa', role = 'agent') {
      const code = await createCode(db, created.structureId, { role, name: person })
      return { userId: code.userId, code: code.code }
    },
    async newCode(userId) {
      return (await createCode(db, created.structureId, { userId })).code
    },
  }
}

// ---- Devices ------------------------------------------------------------------------------

const keyOf = (table: string, id: string) => `${table}:${id}`

export interface PushOptions {
  /** Mutations per request. */
  batch?: number
  /** The server commits but the answer never reaches the device. */
  loseAnswer?: boolean
  gzip?: boolean
}

export class SimDevice {
  token: string | undefined
  deviceId: string | undefined
  userId: string | undefined
  structureId: string | undefined
  /** The `meta` mutation counter: the next id to hand out. Never goes back. */
  nextMutationId = 1
  outbox: Mutation[] = []
  /** The local store, by `table:id`. */
  readonly records = new Map<string, TestRecord>()
  cursor = 0
  /** Every change applied from a pull, in order: to prove none arrives twice. */
  readonly pulled: Array<{ rev: number; key: string }> = []
  /** Rejections the server reported, kept like the device's own table. */
  readonly rejected: Array<{ id: number; reason: string }> = []

  constructor(
    private transport: Transport,
    readonly name = 'Tablette',
  ) {}

  useTransport(transport: Transport): void {
    this.transport = transport
  }

  async enrol(code: string): Promise<void> {
    const nextMutationId = this.outbox[0]?.id ?? this.nextMutationId
    const answer = await this.request({
      method: 'POST',
      url: '/api/enrol',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: this.name, nextMutationId, schemaVersion: 1 }),
    })
    expect(answer.status, answer.text).toBe(200)
    const enrolled = enrolResponseSchema.parse(answer.json())
    this.token = enrolled.token
    this.deviceId = enrolled.deviceId
    this.userId = enrolled.user.id
    this.structureId = enrolled.structure.id
  }

  /** A local write: the record and its outbox entry, with the next mutation id. */
  put(table: SyncTableName, record: TestRecord): TestRecord {
    const stamped = { ...record, structureId: this.structureId ?? null, authorId: this.userId ?? this.deviceId ?? 'device' }
    this.records.set(keyOf(table, record.id), stamped)
    this.outbox.push({ id: this.nextMutationId++, table, op: 'put', schemaVersion: 1, record: stamped })
    return stamped
  }

  edit(table: SyncTableName, id: string, changes: Record<string, unknown>): TestRecord {
    const current = this.records.get(keyOf(table, id))
    if (!current) throw new Error(`${this.name} has no ${table} ${id}`)
    return this.put(table, { ...current, ...changes, updatedAt: tick() })
  }

  delete(table: SyncTableName, id: string): TestRecord {
    const current = this.records.get(keyOf(table, id))
    if (!current) throw new Error(`${this.name} has no ${table} ${id}`)
    const now = tick()
    const tombstone = { id, structureId: current.structureId, authorId: current.authorId, createdAt: current.createdAt, updatedAt: now, deletedAt: now, rev: current.rev, kind: current.kind, date: current.date }
    this.records.set(keyOf(table, id), tombstone as TestRecord)
    this.outbox.push({ id: this.nextMutationId++, table, op: 'delete', schemaVersion: 1, record: tombstone })
    return tombstone as TestRecord
  }

  /** One push request of the first `batch` entries; acknowledged entries leave from the front. */
  async pushOnce(options: PushOptions = {}): Promise<{ status: number; body: unknown; answer?: PushResponse }> {
    const sent = this.outbox.slice(0, options.batch ?? 500)
    const answer = await this.sendMutations(sent, options.gzip ?? true)
    if (options.loseAnswer) return { status: 0, body: undefined }
    if (answer.status !== 200) return { status: answer.status, body: answer.json() }
    const parsed = pushResponseSchema.parse(answer.json())
    const upTo = Math.min(parsed.lastMutationId, sent.at(-1)?.id ?? 0)
    this.outbox = this.outbox.filter((mutation) => mutation.id > upTo)
    this.rejected.push(...parsed.rejected)
    return { status: 200, body: parsed, answer: parsed }
  }

  /** Sends exactly these mutations (a repeated or reordered batch, as an adversary would). */
  async sendMutations(mutations: Mutation[], gzip = true): Promise<HttpAnswer> {
    const json = JSON.stringify({ schemaVersion: 1, mutations })
    return this.request({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}), ...this.auth() },
      body: gzip ? gzipSync(json) : json,
    })
  }

  /** Pushes until the outbox is empty. */
  async pushAll(options: PushOptions = {}): Promise<void> {
    for (let round = 0; this.outbox.length > 0; round++) {
      if (round > 1000) throw new Error('push does not converge')
      const result = await this.pushOnce(options)
      if (result.status !== 200) throw new Error(`push answered ${result.status}: ${JSON.stringify(result.body)}`)
    }
  }

  /** One pull page, applied as the device does (skipping records with pending entries). */
  async pullOnce(limit = 500): Promise<{ count: number; more: boolean }> {
    const answer = await this.request({
      method: 'GET',
      url: `/api/sync/pull?cursor=${this.cursor}&limit=${limit}&schemaVersion=1`,
      headers: { 'accept-encoding': 'gzip', ...this.auth() },
    })
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${answer.text}`)
    const page = pullResponseSchema.parse(answer.json())
    const pending = new Set(this.outbox.map((mutation) => keyOf(mutation.table, String(mutation.record.id))))
    for (const change of page.changes) {
      const key = keyOf(change.table, change.record.id)
      this.pulled.push({ rev: change.rev, key })
      if (pending.has(key)) continue
      const stored = this.records.get(key)
      if (stored && typeof stored.rev === 'number' && stored.rev >= change.rev) continue
      this.records.set(key, change.record as TestRecord)
    }
    this.cursor = page.cursor
    return { count: page.changes.length, more: page.more }
  }

  async pullAll(limit = 500): Promise<number> {
    let pages = 0
    for (;;) {
      pages++
      const page = await this.pullOnce(limit)
      if (!page.more) return pages
      if (pages > 10_000) throw new Error('pull does not converge')
    }
  }

  async sync(): Promise<void> {
    await this.pushAll()
    await this.pullAll()
  }

  auth(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {}
  }

  request(request: HttpRequest): Promise<HttpAnswer> {
    return this.transport(request)
  }
}

// ---- The set check ------------------------------------------------------------------------

export interface ExpectedRecord {
  table: SyncTableName
  id: string
  /** The version that must have won. */
  updatedAt: string
  deleted?: boolean
  /** The user whose devices may see it; undefined: shared with the whole structure. */
  visibleTo?: string
}

/**
 * Every expected record exactly once on the server (in this structure, at its expected
 * version) and on every device that may see it, nothing else anywhere, no outbox left.
 */
export async function expectSetCheck(db: Database, structureId: string, expected: ExpectedRecord[], devices: SimDevice[]): Promise<void> {
  const server = await db.query<{ table_name: string; id: string; payload: Record<string, unknown>; deleted_at: Date | null }>(
    'SELECT table_name, id, payload, deleted_at FROM records WHERE structure_id = $1 ORDER BY table_name, id',
    [structureId],
  )
  const serverKeys = server.rows.map((row) => keyOf(row.table_name, row.id))
  expect(new Set(serverKeys).size, 'a record twice on the server').toBe(serverKeys.length)
  const want = new Map(expected.map((record) => [keyOf(record.table, record.id), record]))
  expect(want.size, 'the expected set names a record twice').toBe(expected.length)
  expect([...serverKeys].sort(), 'server set').toEqual([...want.keys()].sort())
  for (const row of server.rows) {
    const expectation = want.get(keyOf(row.table_name, row.id))!
    expect(row.payload.updatedAt, `server version of ${row.id}`).toBe(expectation.updatedAt)
    expect(row.deleted_at !== null, `server deletion of ${row.id}`).toBe(expectation.deleted ?? false)
    if (row.deleted_at !== null) expect(row.payload).not.toHaveProperty('notes')
  }
  for (const device of devices) {
    expect(device.outbox, `${device.name} still has unsent mutations`).toEqual([])
    const visible = expected.filter((record) => record.visibleTo === undefined || record.visibleTo === device.userId)
    expect([...device.records.keys()].sort(), `${device.name} set`).toEqual(visible.map((record) => keyOf(record.table, record.id)).sort())
    for (const record of visible) {
      const local = device.records.get(keyOf(record.table, record.id))!
      expect(local.updatedAt, `${device.name} version of ${record.id}`).toBe(record.updatedAt)
      expect(Boolean(local.deletedAt), `${device.name} deletion of ${record.id}`).toBe(record.deleted ?? false)
    }
  }
}

/** The expected entry for a record a device holds now. */
export function expectedFrom(device: SimDevice, table: SyncTableName, id: string, shared = table === 'workshops'): ExpectedRecord {
  const record = device.records.get(keyOf(table, id))
  if (!record) throw new Error(`${device.name} has no ${table} ${id}`)
  return { table, id, updatedAt: record.updatedAt, deleted: Boolean(record.deletedAt), ...(shared ? {} : { visibleTo: device.userId }) }
}
