// The console's calls to the server (docs/console.md). Every request carries the console header
// the server requires and the session cookie (HttpOnly: the page never sees it). Answers that
// are not OK become a ConsoleError with the server's code and French message.
import type { z } from 'zod'
import { apiFetch } from '@/features/sync/http'

export const CONSOLE_HEADER = 'x-tandem-console'

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For a lock (too_many_attempts): how long until the next try. */
    readonly retryAfterSeconds: number | null = null,
    /** For an unreadable places file: why (empty, invalid_csv…). */
    readonly reason: string | null = null,
  ) {
    super(message)
    this.name = 'ConsoleError'
  }
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response
  try {
    response = await apiFetch(path, { ...init, headers: { [CONSOLE_HEADER]: '1', ...(init.headers as Record<string, string> | undefined) } })
  } catch {
    throw new ConsoleError(0, 'offline', '')
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown; retryAfterSeconds?: unknown; reason?: unknown } | null
    throw new ConsoleError(
      response.status,
      typeof body?.error === 'string' ? body.error : 'error',
      typeof body?.message === 'string' ? body.message : '',
      typeof body?.retryAfterSeconds === 'number' ? body.retryAfterSeconds : null,
      typeof body?.reason === 'string' ? body.reason : null,
    )
  }
  return response
}

/** Parses an answer with its shared schema: a body that does not match is an error, never trusted. */
async function parsed<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(await response.json().catch(() => undefined))
  if (!result.success) throw new ConsoleError(response.status, 'invalid_answer', '')
  return result.data
}

export async function getJson<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
  return parsed(await send(path), schema)
}

export async function sendJson<S extends z.ZodType>(method: 'POST' | 'PUT', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  const init: RequestInit = { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) }
  return parsed(await send(path, init), schema)
}

/** How long a places file upload may take (megabytes on a slow link, then the import). */
export const UPLOAD_TIMEOUT_MS = 5 * 60 * 1000

/** A file's bytes as the body, as they are (the server reads CSV or JSON itself). */
export async function sendFile<S extends z.ZodType>(path: string, file: Blob, schema: S): Promise<z.infer<S>> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), UPLOAD_TIMEOUT_MS)
  try {
    const response = await send(path, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file, signal: controller.signal })
    return await parsed(response, schema)
  } finally {
    clearTimeout(timer)
  }
}

/** A file the server streams: its bytes and the name it gives. */
export async function getFile(path: string): Promise<{ blob: Blob; name: string }> {
  const response = await send(path)
  const disposition = response.headers.get('content-disposition') ?? ''
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1]
  return { blob: await response.blob(), name: encoded ? decodeURIComponent(encoded) : (plain ?? 'export') }
}
