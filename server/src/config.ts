// The server's settings, read from the environment once at start and validated, so a typo
// fails the start with a clear message instead of misbehaving later.
import { resolve } from 'node:path'
import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value)

const EnvSchema = z.object({
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUnset, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().default('./data')),
  DATABASE_URL: z.preprocess(emptyAsUnset, z.string().optional()),
  STATIC_DIR: z.preprocess(emptyAsUnset, z.string().default('./dist')),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(LOG_LEVELS).default('info')),
  // The public address is HTTPS only (TLS ends at a proxy in front of Tandem): browsers may then
  // be told to upgrade sub-requests and to remember HTTPS. Off by default, since those headers
  // break the plain-http use on a local network.
  HTTPS_ONLY: z.preprocess(emptyAsUnset, z.stringbool().default(false)),
  // A reverse proxy stands in front: take the client address from X-Forwarded-For, so the
  // enrolment rate limits count clients, not the proxy.
  TRUST_PROXY: z.preprocess(emptyAsUnset, z.stringbool().default(false)),
  // The national places file (CSV or JSON), fetched at start and daily for the structures that
  // chose their départements (docs/places.md). Off when unset.
  PLACES_SOURCE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
})

export interface ServerConfig {
  port: number
  host: string
  /** Absolute. Holds PGlite's files and the lock; unused with a database URL. */
  dataDir: string
  databaseUrl: string | undefined
  /** Absolute. The built app (vite's dist/). */
  staticDir: string
  logLevel: LogLevel
  httpsOnly: boolean
  trustProxy: boolean
  /** The national places file to fetch daily, or undefined (off). */
  placesSourceUrl: string | undefined
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServerConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid server configuration: ${problems.join('; ')}`)
  }
  const values = parsed.data
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: resolve(cwd, values.DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    staticDir: resolve(cwd, values.STATIC_DIR),
    logLevel: values.LOG_LEVEL,
    httpsOnly: values.HTTPS_ONLY,
    trustProxy: values.TRUST_PROXY,
    placesSourceUrl: values.PLACES_SOURCE_URL,
  }
}
