// The console's calls to the server (docs/console.md). Every request carries the console header
// the server requires and the session cookie (HttpOnly: the page never sees it). Answers that
// are not OK become a ConsoleError with the server's code and French message.
import { apiFetch } from '@/features/sync/http'

export const CONSOLE_HEADER = 'x-tandem-console'

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For a lock (too_many_attempts): how long until the next try. */
    readonly retryAfterSeconds: number | null = null,
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
    const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown; retryAfterSeconds?: unknown } | null
    throw new ConsoleError(
      response.status,
      typeof body?.error === 'string' ? body.error : 'error',
      typeof body?.message === 'string' ? body.message : '',
      typeof body?.retryAfterSeconds === 'number' ? body.retryAfterSeconds : null,
    )
  }
  return response
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await send(path)).json()) as T
}

export async function sendJson<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) }
  return (await (await send(path, init)).json()) as T
}

/** A file the server streams: its bytes and the name it gives. */
export async function getFile(path: string): Promise<{ blob: Blob; name: string }> {
  const response = await send(path)
  const disposition = response.headers.get('content-disposition') ?? ''
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1]
  return { blob: await response.blob(), name: encoded ? decodeURIComponent(encoded) : (plain ?? 'export') }
}
