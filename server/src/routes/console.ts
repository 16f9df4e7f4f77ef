// The coordinator's console API (docs/console.md): sign-in, people and devices, structure
// settings, the activity report, exports and the audit log. HTTP only: each route checks the
// custom header, then the session, then that the structure in the path is the session's own
// (another structure's ids answer 404, revealing nothing), parses with zod and calls a service.
//
// Every request must carry CONSOLE_HEADER (403 without): a cross-site form cannot set it, so the
// SameSite=Strict session cookie alone never authorises anything. Sign-in and the first visit
// are rate-limited per address, and wrong passwords or codes lock the account and the address
// (« Trop d'essais, réessayez dans N minutes »).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { ROLES } from '../../../src/schemas/sync.ts'
import { CONSOLE_HEADER, PASSWORD_MAX_LENGTH, SESSION_COOKIE, SESSION_COOKIE_PATH, SignInGuard } from '../auth/sessions.ts'
import { ApiError } from '../services/errors.ts'
import { CONSOLE_MESSAGES as M, tooManyAttempts } from '../services/console-messages.ts'
import { activateWithCode, authenticateSession, changePassword, normaliseEmail, signIn, signOut, WrongCredentialsError, type ConsoleContext, type OpenedSession } from '../services/console-auth.ts'
import { addPerson, issueCodeFor, listPeople, revokePersonDevice, setPersonActive } from '../services/console-people.ts'
import { readSettings, structureSettingsSchema, updateSettings } from '../services/console-settings.ts'
import { parseActivityQuery } from '../services/console-activities.ts'
import { activityReport } from '../services/console-report.ts'
import { CONTENT_TYPES, EXPORT_FORMATS, exportFileName, exportLabels, streamExport, type ExportFormat } from '../services/console-export.ts'
import { listEvents, recordEvent } from '../services/console-audit.ts'
import { departementsBodySchema, placesOverview, PLACES_TOO_LARGE_MESSAGE, PLACES_UPLOAD_LIMIT_BYTES, setDepartements, uploadPlaces } from '../services/console-places.ts'

export interface ConsoleRouteOptions {
  db: Database
  /** Marks the session cookie Secure (the public address is HTTPS only). */
  httpsOnly?: boolean
  /** Locks accounts and addresses after wrong passwords or codes; one per app by default. */
  signInGuard?: SignInGuard
  /** Sign-in and first-visit requests allowed per address within `signInWindowMs`. */
  signInPerAddress?: number
  signInWindowMs?: number
  /** Test seam: the clock sessions and audit lines are stamped with. */
  now?: () => Date
}

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(PASSWORD_MAX_LENGTH * 4) })
const activationSchema = z.object({ code: z.string().min(1).max(64), email: z.string().max(320), password: z.string().max(PASSWORD_MAX_LENGTH * 4) })
const passwordChangeSchema = z.object({ current: z.string().max(PASSWORD_MAX_LENGTH * 4), next: z.string().max(PASSWORD_MAX_LENGTH * 4) })
const newPersonSchema = z.object({ name: z.string().trim().min(1).max(120), role: z.enum(ROLES), email: z.string().max(320).nullable().optional() })
const idSchema = z.string().min(1).max(64)
const auditQuerySchema = z.object({ before: z.string().min(1).max(64).optional() })
const placesUploadQuerySchema = z.object({ kind: z.enum(['csv', 'json']).optional(), replace: z.enum(['0', '1']).optional() })
/** Where the places file is posted: its 413 says so (sendError). */
const PLACES_UPLOAD_ROUTE = '/api/console/structures/:structureId/places'

declare module 'fastify' {
  interface FastifyRequest {
    console?: ConsoleContext
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  // Paths only: never the value (a password, a code).
  throw new ApiError(400, 'invalid_body', M.invalidBody, { details: result.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.') })) })
}

export async function consoleRoutes(app: FastifyInstance, options: ConsoleRouteOptions): Promise<void> {
  const { db } = options
  const now = options.now ?? (() => new Date())
  const guard = options.signInGuard ?? new SignInGuard({ now: () => now().getTime() })
  const windowMs = options.signInWindowMs ?? 15 * 60 * 1000
  const perAddress = { max: options.signInPerAddress ?? 30, timeWindow: windowMs, errorResponseBuilder: () => new ApiError(429, 'too_many_requests', tooManyAttempts(windowMs)) }

  await app.register(cookie)
  // A places file is posted as it is (CSV or JSON bytes), read as a Buffer: never parsed as
  // JSON by Fastify, never logged. Only the upload route reads them (its bodyLimit is larger).
  app.addContentTypeParser(['application/octet-stream', 'text/csv'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply))
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })
  // The custom header first: without it nothing else is looked at.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/console')) return
    if (request.headers[CONSOLE_HEADER] === undefined) throw new ApiError(403, 'console_header_missing', M.headerMissing)
  })

  const setSessionCookie = (reply: FastifyReply, session: OpenedSession) =>
    reply.setCookie(SESSION_COOKIE, session.cookie, {
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: options.httpsOnly ?? false,
      expires: session.expiresAt,
    })
  const clearSessionCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { path: SESSION_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: options.httpsOnly ?? false })

  const sessionAnswer = (context: ConsoleContext) => ({
    user: { id: context.userId, displayName: context.displayName, email: context.email },
    structure: { id: context.structureId, name: context.structureName },
  })

  /** Refuses while any of these keys is locked; counts a failure when `attempt` fails on credentials. */
  async function guarded<T>(keys: string[], attempt: () => Promise<T>): Promise<T> {
    const locked = guard.lockedFor(keys)
    if (locked > 0) throw new ApiError(429, 'too_many_attempts', tooManyAttempts(locked), { retryAfterSeconds: Math.ceil(locked / 1000) })
    try {
      const result = await attempt()
      guard.succeeded(keys)
      return result
    } catch (error) {
      if (error instanceof WrongCredentialsError || (error instanceof ApiError && ['code_used', 'code_expired', 'email_mismatch'].includes(error.code))) {
        guard.failed(keys)
        const lockedNow = guard.lockedFor(keys)
        if (lockedNow > 0) throw new ApiError(429, 'too_many_attempts', tooManyAttempts(lockedNow), { retryAfterSeconds: Math.ceil(lockedNow / 1000) })
      }
      throw error
    }
  }

  app.post('/api/console/sign-in', { bodyLimit: 8 * 1024, config: { rateLimit: perAddress } }, async (request, reply) => {
    const body = parse(credentialsSchema, request.body)
    const session = await guarded([`account:${normaliseEmail(body.email)}`, `address:${request.ip}`], () => signIn(db, body, now()))
    setSessionCookie(reply, session)
    return sessionAnswer(session.context)
  })

  app.post('/api/console/activate', { bodyLimit: 8 * 1024, config: { rateLimit: perAddress } }, async (request, reply) => {
    const body = parse(activationSchema, request.body)
    const session = await guarded([`address:${request.ip}`], () => activateWithCode(db, body, now()))
    setSessionCookie(reply, session)
    return sessionAnswer(session.context)
  })

  // Everything below needs a live session of an active coordinator.
  const requireSession = async (request: FastifyRequest) => {
    request.console = await authenticateSession(db, request.cookies[SESSION_COOKIE], now())
  }
  /** The session's structure must be the one in the path: another's answers 404. */
  const requireStructure = async (request: FastifyRequest) => {
    await requireSession(request)
    const { structureId } = request.params as { structureId?: string }
    if (structureId !== request.console!.structureId) throw new ApiError(404, 'not_found', M.notFound)
  }
  const ctx = (request: FastifyRequest) => request.console!

  app.get('/api/console/session', { preHandler: requireSession }, async (request) => sessionAnswer(ctx(request)))

  app.post('/api/console/sign-out', { preHandler: requireSession }, async (request, reply) => {
    await signOut(db, ctx(request), now())
    clearSessionCookie(reply)
    return { signedOut: true }
  })

  app.post('/api/console/password', { bodyLimit: 8 * 1024, preHandler: requireSession, config: { rateLimit: perAddress } }, async (request) => {
    const body = parse(passwordChangeSchema, request.body)
    await changePassword(db, ctx(request), body, now())
    return { changed: true }
  })

  const base = '/api/console/structures/:structureId'

  app.get(`${base}/people`, { preHandler: requireStructure }, async (request) => ({ people: await listPeople(db, ctx(request).structureId, now()) }))

  app.post(`${base}/people`, { bodyLimit: 8 * 1024, preHandler: requireStructure }, async (request) => {
    const body = parse(newPersonSchema, request.body)
    return addPerson(db, ctx(request), body, now())
  })

  app.post(`${base}/people/:userId/code`, { preHandler: requireStructure }, async (request) => {
    const userId = parse(idSchema, (request.params as { userId: string }).userId)
    return issueCodeFor(db, ctx(request), userId, now())
  })

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`${base}/people/:userId/${action}`, { preHandler: requireStructure }, async (request) => {
      const userId = parse(idSchema, (request.params as { userId: string }).userId)
      await setPersonActive(db, ctx(request), userId, active, now())
      return { active }
    })
  }

  app.post(`${base}/devices/:deviceId/revoke`, { preHandler: requireStructure }, async (request) => {
    const deviceId = parse(idSchema, (request.params as { deviceId: string }).deviceId)
    return revokePersonDevice(db, ctx(request), deviceId, now())
  })

  app.get(`${base}/settings`, { preHandler: requireStructure }, async (request) => readSettings(db, ctx(request).structureId))

  app.put(`${base}/settings`, { bodyLimit: 8 * 1024, preHandler: requireStructure }, async (request) => {
    const body = parse(structureSettingsSchema, request.body)
    return updateSettings(db, ctx(request), body, now())
  })

  app.get(`${base}/report`, { preHandler: requireStructure }, async (request) => activityReport(db, ctx(request).structureId, parseActivityQuery(request.query)))

  const exportHandler = async (request: FastifyRequest, reply: FastifyReply, format: ExportFormat) => {
    if (!EXPORT_FORMATS.includes(format)) throw new ApiError(404, 'not_found', M.notFound)
    const query = parseActivityQuery(request.query)
    const context = ctx(request)
    const labels = await exportLabels(db, context.structureId)
    const settings = await readSettings(db, context.structureId)
    await recordEvent(
      db,
      { structureId: context.structureId, userId: context.userId, name: context.displayName },
      'export_made',
      {
        format,
        from: query.from,
        to: query.to,
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.theme ? { theme: query.theme } : {}),
        ...(query.place ? { place: query.place } : {}),
        ...(query.person ? { person: labels.author?.(query.person) || query.person } : {}),
      },
      now(),
    )
    const name = exportFileName(settings.name, query, format)
    const { stream, done } = streamExport(db, { structureId: context.structureId, structureName: settings.name, query, format, labels }, now())
    done.catch((error: unknown) => request.log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'Export failed while streaming'))
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(stream)
  }
  // An XLSX file is a zip already: compressing it again costs CPU for nothing.
  app.get(`${base}/export/xlsx`, { preHandler: requireStructure, compress: false }, (request, reply) => exportHandler(request, reply, 'xlsx'))
  app.get(`${base}/export/:format`, { preHandler: requireStructure }, (request, reply) => {
    const format = (request.params as { format: string }).format as ExportFormat
    return exportHandler(request, reply, format)
  })

  app.get(`${base}/audit`, { preHandler: requireStructure }, async (request) => {
    const query = parse(auditQuerySchema, request.query)
    return listEvents(db, ctx(request).structureId, query.before)
  })

  app.get(`${base}/places`, { preHandler: requireStructure }, async (request) => placesOverview(db, ctx(request).structureId))

  app.put(`${base}/places/departements`, { bodyLimit: 8 * 1024, preHandler: requireStructure }, async (request) => {
    const body = parse(departementsBodySchema, request.body)
    return setDepartements(db, ctx(request), body.departements, now())
  })

  // The file's bytes as the body (application/octet-stream or text/csv); `kind` says CSV or
  // JSON when the file's name did, `replace=1` removes the places of the chosen départements
  // the file no longer lists. The structure's départements filter the rows.
  // The session is checked on request, before the body is read: megabytes are only ever read
  // for a signed-in coordinator of this structure.
  app.post(PLACES_UPLOAD_ROUTE, { bodyLimit: PLACES_UPLOAD_LIMIT_BYTES, onRequest: requireStructure }, async (request) => {
    const query = parse(placesUploadQuerySchema, request.query)
    const contentType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (contentType !== 'application/octet-stream' && contentType !== 'text/csv') throw new ApiError(415, 'unsupported_media_type', M.placesMediaType)
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    return uploadPlaces(db, ctx(request), { bytes, kind: query.kind ?? null, replace: query.replace === '1' }, now())
  })

  // Unknown console addresses answer like the rest of the console: 404, in French.
  app.all('/api/console/*', async () => {
    throw new ApiError(404, 'not_found', M.notFound)
  })
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    const retry = error.extra.retryAfterSeconds
    if (typeof retry === 'number') reply.header('retry-after', String(retry))
    return reply.code(error.statusCode).send(error.body())
  }
  const fastifyError = error as Partial<FastifyError>
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500
  if (status === 429) return reply.code(429).send({ error: 'too_many_requests', message: tooManyAttempts(15 * 60 * 1000) })
  if (status === 413 && request.routeOptions.url === PLACES_UPLOAD_ROUTE) return reply.code(413).send({ error: 'file_too_large', message: PLACES_TOO_LARGE_MESSAGE })
  if (status >= 400 && status < 500) return reply.code(status === 413 || status === 415 ? status : 400).send({ error: 'invalid_body', message: M.invalidBody })
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error))
  request.log.error({ err: { type: name, message, stack } }, 'Console request failed')
  return reply.code(500).send({ error: 'internal_server_error', message: M.internal })
}
