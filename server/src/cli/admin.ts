// `npm run admin -- <command> …`: structures, enrolment codes and devices from the command line
// (DESIGN.md, "Enrolment"; docs/sync.md). It opens the same database as the server: PostgreSQL
// with DATABASE_URL, else the embedded PGlite of DATA_DIR, taking the server's lock file, so it
// refuses (and says why) while a server runs on that folder.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { readConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { DataDirLockedError } from '../db/lock.ts'
import { openDatabase } from '../db/open.ts'
import { ROLES, type Role } from '../../../src/schemas/sync.ts'
import { AdminError, createCode, createStructure, listDevices, revokeDevice } from '../services/admin.ts'
import { importPlaces, parseDepartements, PlacesFileError, setStructureDepartements } from '../services/places.ts'
import { readFile } from 'node:fs/promises'

export interface AdminIo {
  env: NodeJS.ProcessEnv
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const USAGE = `Usage: npm run admin -- <command> [options]

  create-structure --name N --coordinator-email E [--json]
      Creates a structure and its first coordinator; prints a one-time code.
  create-code --structure ID --role agent|volunteer|coordinator --name N [--json]
      Creates a person and prints a one-time code for their first device.
  create-code --structure ID --user ID [--json]
      Prints a new one-time code for an existing person (a second device, after a revocation).
  revoke-device --structure ID --device ID
      Revokes a device: its token stops working at once.
  list-devices --structure ID [--json]
      Lists the structure's devices.
  import-places --structure ID FILE [--departements 07,26] [--replace] [--json]
      Imports a places file (national format v1.0.x or v0.1.x, CSV or JSON) into the
      structure's directory; its devices receive it at their next sync. --departements keeps
      only those départements and records them as the structure's choice for the daily fetch
      of PLACES_SOURCE_URL; --replace removes the places of those départements the file no
      longer lists. Prints the report (rows read, kept, rejected with reasons, values
      dropped); fails only when the file cannot be read at all.

Codes are single use and expire after 48 hours.
Database: DATABASE_URL when set, else the embedded database in DATA_DIR (default ./data),
which must not be in use by a running server.`

const OPTIONS = {
  name: { type: 'string' },
  'coordinator-email': { type: 'string' },
  structure: { type: 'string' },
  role: { type: 'string' },
  user: { type: 'string' },
  device: { type: 'string' },
  departements: { type: 'string' },
  replace: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

class UsageError extends Error {}

function required(values: Values, name: keyof Values & string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required.`)
  return value.trim()
}

function only(values: Values, allowed: string[]): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === false || key === 'json' || key === 'help') continue
    if (!allowed.includes(key)) throw new UsageError(`--${key} does not apply to this command.`)
  }
}

const when = (date: Date) => date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'

async function run(command: string, values: Values, db: Database, io: AdminIo, positionals: string[] = []): Promise<void> {
  const json = values.json === true
  const out = (value: unknown, text: string) => io.stdout(json ? `${JSON.stringify(value)}\n` : `${text}\n`)
  switch (command) {
    case 'create-structure': {
      only(values, ['name', 'coordinator-email'])
      const created = await createStructure(db, { name: required(values, 'name'), coordinatorEmail: required(values, 'coordinator-email') })
      out(
        { structureId: created.structureId, userId: created.userId, code: created.code },
        `Structure ${created.structureId} created, with its coordinator ${created.userId}.\n` +
          `One-time code for the coordinator's first device: ${created.code}\n` +
          `(single use, valid until ${when(created.expiresAt)})`,
      )
      return
    }
    case 'create-code': {
      const structureId = required(values, 'structure')
      if (values.user !== undefined) {
        only(values, ['structure', 'user'])
        const created = await createCode(db, structureId, { userId: required(values, 'user') })
        out(
          { userId: created.userId, code: created.code },
          `One-time code for ${created.displayName} (${created.role}, ${created.userId}): ${created.code}\n` +
            `(single use, valid until ${when(created.expiresAt)})`,
        )
        return
      }
      only(values, ['structure', 'role', 'name'])
      const role = required(values, 'role')
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${role}").`)
      const created = await createCode(db, structureId, { role: role as Role, name: required(values, 'name') })
      out(
        { userId: created.userId, code: created.code },
        `${created.displayName} (${created.role}) created as user ${created.userId}.\n` +
          `One-time code for their first device: ${created.code}\n` +
          `(single use, valid until ${when(created.expiresAt)})`,
      )
      return
    }
    case 'revoke-device': {
      only(values, ['structure', 'device'])
      const deviceId = required(values, 'device')
      const result = await revokeDevice(db, required(values, 'structure'), deviceId)
      out(
        { deviceId, revoked: true, alreadyRevoked: result.alreadyRevoked },
        result.alreadyRevoked ? `Device ${deviceId} was already revoked.` : `Device ${deviceId} revoked: its token no longer works.`,
      )
      return
    }
    case 'list-devices': {
      only(values, ['structure'])
      const devices = await listDevices(db, required(values, 'structure'))
      const lines = devices.map(
        (device) =>
          `${device.deviceId}  ${device.revokedAt ? 'revoked ' : 'active  '} ${device.userName} (${device.role})` +
          `  "${device.name}"  enrolled ${device.enrolledAt.slice(0, 10)}` +
          `  last push ${device.lastPushAt?.slice(0, 16) ?? 'never'}  last pull ${device.lastPullAt?.slice(0, 16) ?? 'never'}`,
      )
      out(devices, devices.length === 0 ? 'No devices enrolled yet.' : lines.join('\n'))
      return
    }
    case 'import-places': {
      only(values, ['structure', 'departements', 'replace'])
      const structureId = required(values, 'structure')
      const [file] = positionals
      if (!file) throw new UsageError('import-places needs the FILE to import.')
      const departements = values.departements === undefined ? null : parseDepartements(values.departements)
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        throw new PlacesFileError(error instanceof Error ? error.message : String(error))
      }
      const result = await importPlaces(db, { structureId, text, fileName: file, departements, replace: values.replace === true })
      if (departements) await setStructureDepartements(db, structureId, departements)
      const { report } = result
      const summary = {
        format: report.format,
        rowsRead: report.rowsRead,
        kept: report.kept,
        rejected: report.rejected,
        dropped: report.dropped,
        keptAsText: report.keptAsText,
        outsideDepartements: report.outsideDepartements,
        added: result.added,
        updated: result.updated,
        unchanged: result.unchanged,
        removed: result.removed,
      }
      const lines = [
        `${report.rowsRead} rows read (format ${report.format}): ${report.kept} kept, ${report.rejected.length} rejected` +
          (report.outsideDepartements ? `, ${report.outsideDepartements} outside the départements chosen` : '') + '.',
        `${result.added} places added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.removed} removed.`,
        ...report.rejected.map((r) => `row ${r.row} rejected${r.name ? ` (${r.name})` : ''}: ${r.reasons.map((x) => `${x.field} ${x.reason}`).join(', ')}`),
        ...report.dropped.map((d) => `row ${d.row}: ${d.field} "${d.value}" dropped (${d.reason})`),
        ...report.keptAsText.map((d) => `row ${d.row}: ${d.field} "${d.value}" kept as text (${d.reason})`),
      ]
      out(summary, lines.join('\n'))
      return
    }
    default:
      throw new UsageError(`Unknown command "${command}".`)
  }
}

/** Runs one admin command; returns the exit code. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`)
    return 2
  }
  const [command, ...extra] = parsed.positionals
  if (parsed.values.help || command === undefined || command === 'help') {
    io.stdout(`${USAGE}\n`)
    return command === undefined && !parsed.values.help ? 2 : 0
  }
  if (extra.length > (command === 'import-places' ? 1 : 0)) {
    io.stderr(`Unexpected argument "${extra[0]}".\n\n${USAGE}\n`)
    return 2
  }
  if (!['create-structure', 'create-code', 'revoke-device', 'list-devices', 'import-places'].includes(command)) {
    io.stderr(`Unknown command "${command}".\n\n${USAGE}\n`)
    return 2
  }

  let db: Database | undefined
  try {
    const config = readConfig(io.env, io.cwd)
    db = (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })).db
    await run(command, parsed.values, db, io, extra)
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`)
      return 2
    }
    if (error instanceof DataDirLockedError) {
      io.stderr(
        `The Tandem server (pid ${error.pid}) is running on this data folder and holds ${error.lockPath}.\n` +
          'Stop the server, run the command, then start the server again ' +
          '(or point DATABASE_URL at the PostgreSQL server it uses).\n',
      )
      return 1
    }
    if (error instanceof PlacesFileError) {
      io.stderr(`${error.message}\n`)
      return 1
    }
    if (error instanceof AdminError) {
      io.stderr(`${error.message}\n`)
      return 1
    }
    io.stderr(`admin: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  } finally {
    await db?.close()
  }
}

function isMain(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMain()) {
  const code = await runAdmin(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  })
  process.exitCode = code
}
