// The sync API (DESIGN.md, "Sync protocol"; docs/sync.md): POST /api/enrol, POST /api/sync/push,
// GET /api/sync/pull, GET /api/sync/settings. HTTP only: each route parses with the shared
// schema, authorises from the bearer token, calls its service and answers.
//
// Bodies: JSON, optionally `Content-Encoding: gzip`, decompressed here under a hard limit (a
// gzip bomb stops at the limit with 413, it is never inflated further). JSON is parsed without
// echoing any of it in an error (a typed code or a note must not come back in a message or a
// log line). Every error answers { error, message } with a French message.
import { Transform, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import {
  enrolRequestSchema,
  PUSH_MAX_BODY_BYTES,
  PUSH_MAX_MUTATIONS,
  pullQuerySchema,
  pushRequestSchema,
} from '../../../src/schemas/sync.ts'
import type { Database } from '../db/database.ts'
import { authenticateDevice } from '../auth/device.ts'
import { EnrolmentGuard } from '../auth/enrolment-guard.ts'
import { codeHash, normaliseCode } from '../auth/tokens.ts'
import { enrolDevice, InvalidCodeError } from '../services/enrolment.ts'
import { ApiError, MESSAGES } from '../services/errors.ts'
import { pullChanges } from '../services/pull.ts'
import { checkClientSchemaVersion, pushMutations, type PushProbe } from '../services/push.ts'
import { deviceSettings } from '../services/settings.ts'

export interface SyncRouteOptions {
  db: Database
  /** Enrolment attempts allowed per address, and per code, within `enrolWindowMs`. */
  enrolPerAddress?: number
  enrolPerCode?: number
  enrolWindowMs?: number
  /** Locks an address after too many wrong codes; one per app by default. */
  enrolmentGuard?: EnrolmentGuard
  /** Test seam: runs inside each push transaction after its writes, before COMMIT. */
  pushProbe?: PushProbe
}

const ENROL_BODY_LIMIT = 16 * 1024

export async function syncRoutes(app: FastifyInstance, options: SyncRouteOptions): Promise<void> {
  const { db } = options
  const guard = options.enrolmentGuard ?? new EnrolmentGuard()
  const windowMs = options.enrolWindowMs ?? 15 * 60 * 1000
  const tooMany = () => new ApiError(429, 'too_many_requests', MESSAGES.tooManyRequests)
  // Keyed by the code's hash: the code itself is never kept, not even in memory.
  const codeKeys = new WeakMap<FastifyRequest, string>()
  const perCode = app.createRateLimit({
    max: options.enrolPerCode ?? 5,
    timeWindow: windowMs,
    keyGenerator: (request) => codeKeys.get(request) ?? `address:${request.ip}`,
  })

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply))

  // This scope parses JSON itself (no echo of the input in errors, no prototype keys).
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string))
    } catch (error) {
      done(error instanceof ApiError ? error : invalidBody(), undefined)
    }
  })
  app.addHook('preParsing', async (request, _reply, payload) => decodeBody(request, payload))
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  app.post(
    '/api/enrol',
    {
      bodyLimit: ENROL_BODY_LIMIT,
      decompress: false,
      config: { rateLimit: { max: options.enrolPerAddress ?? 20, timeWindow: windowMs, errorResponseBuilder: tooMany } },
    },
    async (request) => {
      guard.check(request.ip)
      const body = parse(enrolRequestSchema, request.body)
      checkClientSchemaVersion(body.schemaVersion)
      const code = normaliseCode(body.code)
      if (code !== undefined) {
        codeKeys.set(request, `code:${codeHash(code)}`)
        const limit = await perCode(request)
        if (!limit.isAllowed && limit.isExceeded) throw tooMany()
      }
      try {
        const answer = await enrolDevice(db, body)
        guard.succeeded(request.ip)
        return answer
      } catch (error) {
        if (error instanceof InvalidCodeError) guard.failed(request.ip)
        throw error
      }
    },
  )

  app.post('/api/sync/push', { bodyLimit: PUSH_MAX_BODY_BYTES, decompress: false }, async (request) => {
    const raw = request.body as { mutations?: unknown } | null
    if (raw && Array.isArray(raw.mutations) && raw.mutations.length > PUSH_MAX_MUTATIONS) {
      throw new ApiError(413, 'too_many_mutations', MESSAGES.tooManyMutations, { maxMutations: PUSH_MAX_MUTATIONS })
    }
    const body = parse(pushRequestSchema, request.body)
    return pushMutations(db, request.headers.authorization, body, { afterWrite: options.pushProbe })
  })

  app.get('/api/sync/pull', async (request, reply) => {
    const device = await authenticateDevice(db, request.headers.authorization)
    const query = parse(pullQuerySchema, request.query)
    checkClientSchemaVersion(query.schemaVersion)
    const page = await pullChanges(db, device, query)
    return reply.type('application/json; charset=utf-8').send(page.json)
  })

  app.get('/api/sync/settings', async (request) => {
    const device = await authenticateDevice(db, request.headers.authorization)
    return deviceSettings(db, device)
  })
}

function invalidBody(details?: Array<{ path: string; message: string }>): ApiError {
  return new ApiError(400, 'invalid_body', MESSAGES.invalidBody, details ? { details } : {})
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  // Paths and zod's own messages only: they name what is wrong, never the value sent.
  throw invalidBody(result.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })))
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** JSON.parse, refusing keys that could reach an object's prototype further down. */
function parseJson(text: string): unknown {
  if (text.trim() === '') throw invalidBody()
  const value: unknown = JSON.parse(text)
  if (text.includes('"__proto__"') || text.includes('"constructor"') || text.includes('"prototype"')) {
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return
      for (const key of Object.keys(node)) {
        if (PROTOTYPE_KEYS.has(key)) throw invalidBody([{ path: key, message: 'forbidden key' }])
        visit((node as Record<string, unknown>)[key])
      }
    }
    visit(value)
  }
  return value
}

/** The request body, inflated when gzip-compressed, never beyond the route's body limit. */
function decodeBody(request: FastifyRequest, payload: Readable): Readable {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  if (encoding === 'identity' || encoding === '') return payload
  if (encoding !== 'gzip' && encoding !== 'x-gzip') throw new ApiError(415, 'unsupported_encoding', MESSAGES.unsupportedEncoding)

  const limit = request.routeOptions.bodyLimit ?? PUSH_MAX_BODY_BYTES
  const gunzip = createGunzip()
  let inflated = 0
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      inflated += chunk.length
      if (inflated > limit) callback(new ApiError(413, 'payload_too_large', MESSAGES.payloadTooLarge))
      else callback(null, chunk)
    },
  }) as Transform & { receivedEncodedLength: number }
  // Fastify checks Content-Length and its own limit against the bytes received.
  limited.receivedEncodedLength = 0
  payload.on('data', (chunk: Buffer) => {
    limited.receivedEncodedLength += chunk.length
  })
  gunzip.on('error', () => limited.destroy(invalidBody([{ path: '(body)', message: 'invalid gzip data' }])))
  limited.on('error', () => {
    // Stop inflating at once: the rest of a bomb is read and dropped, never decompressed.
    payload.unpipe(gunzip)
    gunzip.destroy()
    payload.resume()
  })
  payload.pipe(gunzip).pipe(limited)
  return limited
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    if (error.statusCode === 401) reply.header('www-authenticate', 'Bearer')
    const retry = error.extra.retryAfterSeconds
    if (typeof retry === 'number') reply.header('retry-after', String(retry))
    return reply.code(error.statusCode).send(error.body())
  }
  const fastifyError = error as Partial<FastifyError>
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500
  if (status === 413 || fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ error: 'payload_too_large', message: MESSAGES.payloadTooLarge })
  }
  if (status === 415) return reply.code(415).send({ error: 'unsupported_media_type', message: MESSAGES.unsupportedMediaType })
  if (status >= 400 && status < 500) return reply.code(400).send(invalidBody().body())
  // The error's message may quote SQL or data: it goes to the log (at error level), not out.
  // Name, code and message only: a driver error's detail may quote the values sent.
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error))
  const code = (error as { code?: unknown }).code
  request.log.error({ err: { type: name, code, message, stack } }, 'Sync request failed')
  return reply.code(500).send({ error: 'internal_server_error', message: 'Le serveur a rencontré une erreur. Réessayez dans quelques minutes.' })
}
