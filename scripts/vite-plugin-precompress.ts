// Compression at build time: once the build is written (the service worker included), every text
// file of the output gets a brotli twin (quality 11) and a gzip twin (level 9) beside it:
// assets/index-abc.js → assets/index-abc.js.br, assets/index-abc.js.gz. The server sends the twin
// a request accepts (server/src/routes/static.ts). Compressing each response on the fly has to stay
// cheap (brotli quality 4 comes out larger than gzip on our scripts); once per build, the best
// settings cost a second or two.
import { constants, brotliCompress, gzip } from 'node:zlib'
import { promisify } from 'node:util'
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { extname, join, relative, resolve } from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Files worth compressing: everything textual the build writes (images and fonts are compressed already). */
export const COMPRESSIBLE_EXTENSIONS: readonly string[] = ['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml']

export const TWIN_EXTENSIONS = { br: '.br', gzip: '.gz' } as const

export interface CompressedFile {
  /** Path relative to the folder. */
  file: string
  raw: number
  /** Size of the twin, or undefined when compressing did not make the file smaller (no twin written). */
  br: number | undefined
  gzip: number | undefined
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Dot folders (vite's .vite/manifest.json) are never served.
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else if (entry.isFile() && COMPRESSIBLE_EXTENSIONS.includes(extname(entry.name))) yield path
  }
}

async function writeTwin(path: string, content: Buffer, rawSize: number, rawMtimeMs: number, offsetMs: number): Promise<number | undefined> {
  if (content.length >= rawSize) {
    // Not worth it (a tiny file): no twin, and none left over from an earlier build.
    await rm(path, { force: true })
    return undefined
  }
  await writeFile(path, content)
  // The server's ETag is the file's size and modification time: a distinct time per variant keeps
  // the ETags of the raw file and its two twins apart even when two sizes happen to be equal.
  const mtime = new Date(rawMtimeMs + offsetMs)
  await utimes(path, mtime, mtime)
  return content.length
}

/** Writes the .br and .gz twins of every compressible file under `dir` (overwriting older twins). */
export async function precompressDir(dir: string): Promise<CompressedFile[]> {
  const files: string[] = []
  for await (const path of walk(dir)) files.push(path)
  // zlib runs these on libuv's thread pool, a few at a time.
  return Promise.all(
    files.map(async (path): Promise<CompressedFile> => {
      const [content, info] = await Promise.all([readFile(path), stat(path)])
      const [br, gz] = await Promise.all([
        brotli(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
        gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
      ])
      return {
        file: relative(dir, path),
        raw: content.length,
        gzip: await writeTwin(path + TWIN_EXTENSIONS.gzip, gz, content.length, info.mtimeMs, 1),
        br: await writeTwin(path + TWIN_EXTENSIONS.br, br, content.length, info.mtimeMs, 2),
      }
    }),
  )
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

export function precompress(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'tandem:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    // After every other closeBundle hook: vite-plugin-pwa writes sw.js and workbox-*.js there.
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (config.build.ssr || config.build.write === false) return
        const outDir = resolve(config.root, config.build.outDir)
        const results = await precompressDir(outDir)
        const sum = (pick: (r: CompressedFile) => number) => results.reduce((total, r) => total + pick(r), 0)
        config.logger.info(
          `precompressed ${results.length} files: ${kB(sum((r) => r.raw))} → brotli ${kB(sum((r) => r.br ?? r.raw))}, gzip ${kB(sum((r) => r.gzip ?? r.raw))}`,
        )
      },
    },
  }
}
