// Serving the built PWA (vite's dist/): precompressed twins, cache policy per file and the
// single-page-app fallback.
//
// Compression: the build writes x.br (brotli, quality 11) and x.gz (gzip, level 9) beside every
// text file (scripts/vite-plugin-precompress.ts). For a request of x, the library picks by the
// request's Accept-Encoding (q-values honoured, q=0 refused; br before gzip at equal weight) the
// first twin that exists, else x itself, and answers with the twin's bytes, length and ETag (its
// own size and time) under x's Content-Type, with Content-Encoding and Vary: Accept-Encoding. The
// cache policy below reads x's path, so a twin carries its original's. A response that carries a
// Content-Encoding is never compressed again (app.ts); only what has no twin is compressed on the fly.
//
// Cache policy: files under /assets/ carry a content hash in their name, so a new release gets
// new names and these can be cached for a year. Everything else keeps its name across releases
// (index.html, sw.js, registerSW.js, manifest.webmanifest, icons): `no-cache` makes the browser
// revalidate each time (a cheap 304 thanks to ETag), so an update is seen on the next visit and
// an old service worker never pins an old release.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

/** Cache-Control for a file of the static folder, from its path relative to that folder. */
export function cacheControlFor(relativePath: string): string {
  const segments = relativePath.split(/[\\/]/)
  return segments.length > 1 && segments[0] === 'assets' ? IMMUTABLE : REVALIDATE
}

/** The precompressed twins' extensions, as the build writes them and @fastify/static looks for them. */
const TWIN_SUFFIX = /\.(br|gz)$/

/** The file a precompressed twin stands for (assets/x.js.br → assets/x.js); other paths unchanged. */
export function originalOf(relativePath: string): string {
  return relativePath.replace(TWIN_SUFFIX, '')
}

/** The path of a request URL without its query string. */
function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

export function isApiPath(url: string): boolean {
  const path = pathOf(url)
  return path === '/api' || path.startsWith('/api/')
}

export function hasAppShell(staticDir: string): boolean {
  return existsSync(join(staticDir, 'index.html'))
}

/** Serves every file of `staticDir` at the root of the site, except under /api/. */
export async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticDir,
    // Matched per request (no listing of the folder at start): a release copied over the folder
    // of a running server is served at once.
    wildcard: true,
    // The library's default (max-age=0) is replaced file by file in setHeaders.
    cacheControl: false,
    etag: true,
    lastModified: true,
    preCompressed: true,
    index: ['index.html'],
    // A file that happens to sit in dist/api/ must never answer an API call.
    allowedPath: (pathName) => !isApiPath(pathName),
    setHeaders(reply, filePath) {
      // filePath is the twin's when one is sent: its policy is its original's.
      reply.header('cache-control', cacheControlFor(originalOf(relative(staticDir, filePath))))
    },
  })
}

/**
 * True when a request that matched no route or file should get the app shell: a page
 * navigation (GET/HEAD accepting HTML) to a client-side route. Never for /api/ and never for
 * /assets/: a missing hashed file must be a 404, not HTML that a browser would run as a script.
 */
export function wantsAppShell(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const path = pathOf(request.url)
  if (isApiPath(path) || path.startsWith('/assets/')) return false
  const accept = request.headers.accept ?? ''
  return accept.includes('text/html') || accept.includes('application/xhtml+xml')
}

export function sendAppShell(reply: FastifyReply): FastifyReply {
  // Inside the not-found handler; the page itself exists, so 200 (cache headers: setHeaders).
  return reply.code(200).sendFile('index.html')
}
