// Builds the Fastify application (security headers, compression, API routes, the built PWA)
// without listening, so main.ts serves it and tests drive it through inject().
import { STATUS_CODES } from 'node:http'
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import helmet from '@fastify/helmet'
import compress from '@fastify/compress'
import rateLimit from '@fastify/rate-limit'
import type { LogLevel } from './config.ts'
import type { Database } from './db/database.ts'
import { healthRoutes } from './routes/health.ts'
import { hasAppShell, isApiPath, registerStaticApp, sendAppShell, wantsAppShell } from './routes/static.ts'
import { syncRoutes, type SyncRouteOptions } from './routes/sync.ts'
import { consoleRoutes, type ConsoleRouteOptions } from './routes/console.ts'
import { readPackageVersion } from './version.ts'

export interface AppOptions {
  db: Database
  /** The built app to serve; without it, or without its index.html, the server is API only. */
  staticDir?: string
  /** The public address is HTTPS only: adds upgrade-insecure-requests and HSTS. */
  httpsOnly?: boolean
  /** Reported by /api/health; package.json's by default. */
  version?: string
  logLevel?: LogLevel
  /** Where JSON log lines go; stdout by default. */
  logStream?: { write(line: string): void }
  /** Sync settings and test seams (rate limits, push probe). */
  sync?: Omit<SyncRouteOptions, 'db'>
  /** Console settings and test seams (sign-in guard, clock). */
  console?: Omit<ConsoleRouteOptions, 'db' | 'httpsOnly'>
  /** Fastify's trustProxy: set when a reverse proxy stands in front, so rate limits see client addresses. */
  trustProxy?: boolean
}

/**
 * The app passes this policy as built: vue-i18n runs without eval, Vue's scoped styles and
 * style bindings need inline styles, icons and QR codes use data: and blob: URLs.
 */
export function contentSecurityPolicy(httpsOnly: boolean): Record<string, string[]> {
  const self = "'self'"
  return {
    defaultSrc: [self],
    scriptSrc: [self],
    styleSrc: [self, "'unsafe-inline'"],
    imgSrc: [self, 'data:', 'blob:'],
    fontSrc: [self],
    connectSrc: [self],
    workerSrc: [self],
    manifestSrc: [self],
    mediaSrc: [self, 'blob:'],
    objectSrc: ["'none'"],
    baseUri: [self],
    formAction: [self],
    frameAncestors: ["'none'"],
    // On plain http (a laptop on a village hall's network) this would make the browser fetch
    // every asset over https and break the app, so only HTTPS deployments get it.
    ...(httpsOnly ? { upgradeInsecureRequests: [] } : {}),
  }
}

/**
 * One log line per request, written when it completes, carrying method, url and status (the
 * e2e harness reads them). Fastify's default writes two lines, and only the first has the url.
 * Client addresses are left out (data minimisation; behind a proxy they are the proxy's anyway).
 */
class RequestLog extends LogController {
  override incomingRequest(): void {
    // Folded into the completion line.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return
    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const httpsOnly = options.httpsOnly ?? false
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: redactUrl(request.url) }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    logController: new RequestLog(),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  })

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(httpsOnly) },
    // Browsers ignore HSTS over http anyway; sending it only when HTTPS is promised keeps the
    // intent explicit.
    strictTransportSecurity: httpsOnly ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
  })
  // On-the-fly compression, for what has no precompressed twin: API JSON above all. Static files
  // leave routes/static.ts as their build-time .br/.gz twin with a Content-Encoding set, and the
  // library passes on any response that already has one (never compressed twice). Registered
  // before the routes so its hooks wrap them all. Brotli at the library's quality 4 (not 11):
  // compressed per response, it must stay cheap.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 })

  // Awaited before any route is declared: routes declared earlier are silently not limited.
  // Not global: only the routes that ask (enrolment) are limited.
  await app.register(rateLimit, { global: false })

  await app.register(healthRoutes, { db: options.db, version: options.version ?? readPackageVersion() })

  await app.register(syncRoutes, { ...options.sync, db: options.db })

  await app.register(consoleRoutes, { ...options.console, db: options.db, httpsOnly })

  const staticDir = options.staticDir !== undefined && hasAppShell(options.staticDir) ? options.staticDir : undefined
  const serveApp = staticDir !== undefined
  if (serveApp) {
    await registerStaticApp(app, staticDir)
  } else {
    app.log.warn(
      { staticDir: options.staticDir },
      `No index.html in ${options.staticDir ?? '(no static folder given)'}: serving the API only. ` +
        'Build the app with "npm run build" to serve it too.',
    )
  }

  app.setNotFoundHandler((request, reply) => {
    if (serveApp && wantsAppShell(request)) return sendAppShell(reply.header('vary', 'accept'))
    // The same path may answer HTML to a navigation: caches must tell the two apart.
    if (!isApiPath(request.url)) reply.header('vary', 'accept')
    return reply.code(404).send({ error: 'not_found' })
  })

  app.setErrorHandler((error, request, reply) => {
    const statusCode = statusCodeOf(error)
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'Request failed')
      // Internal details (SQL, paths) stay in the log, never in the answer.
      return reply.code(statusCode).send({ error: errorName(statusCode) })
    }
    const message = error instanceof Error ? error.message : errorName(statusCode)
    return reply.code(statusCode).send({ error: errorName(statusCode), message })
  })

  return app
}

const SECRET_PARAMS = /([?&](?:token|access_token|code|authorization)=)[^&#]*/gi

/** The request URL for the log, with the value of any secret-looking parameter removed. */
export function redactUrl(url: string): string {
  return url.includes('?') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url
}

/** The HTTP status an error asks for (Fastify's and its plugins' errors carry one), else 500. */
function statusCodeOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const { statusCode } = error
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode <= 599) return statusCode
  }
  return 500
}

/** 'not_found', 'payload_too_large', …: a stable machine-readable name for a status code. */
function errorName(statusCode: number): string {
  const text = STATUS_CODES[statusCode] ?? 'Error'
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
}
