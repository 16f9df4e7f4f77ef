// Copies the server's SQL migrations beside the compiled server (tsc copies only .ts output),
// so dist-server/server/src/db/migrations/ mirrors server/src/db/migrations/.
// Usage: node scripts/copy-migrations.mjs [outDir]   (outDir defaults to dist-server)
import { cpSync, existsSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'server', 'src', 'db', 'migrations')
const outDir = resolve(root, process.argv[2] ?? 'dist-server')
const target = join(outDir, 'server', 'src', 'db', 'migrations')

if (!existsSync(source)) {
  console.error(`copy-migrations: no migrations folder at ${source}`)
  process.exit(1)
}
// Start clean: a migration deleted or renamed in the source must not linger in the build.
rmSync(target, { recursive: true, force: true })
// The folder is flat: only .sql files belong in it.
cpSync(source, target, { recursive: true, filter: (path) => path === source || path.endsWith('.sql') })
