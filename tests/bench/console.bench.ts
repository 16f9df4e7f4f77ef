// `npm run bench:console`: the coordinator console's activity report and XLSX export of one year
// for one structure, on PostgreSQL, at 10,000, 50,000 and 100,000 records: wall time of each
// request and the server process's peak memory (VmHWM, from /proc), each size on a fresh server
// process, so a memory that grows with the records shows. Goals (issue 14): report ≤ 1 s,
// export ≤ 10 s, memory flat in the number of records. Never part of `npm test`.
//   npm run bench:console
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test  (an admin URL; the bench creates and
//   drops its own database)   BENCH_SIZES=10000,100000
//   BENCH_SERVER_HEAP_MB=64  caps the server's old-generation heap: a memory that grew with the
//   records would fail there (the RSS column then shows the capped process).
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { ulid } from 'ulid'
import { ADMIN_THEMES, AGE_BRACKETS, AUTONOMY_LEVELS, EQUIPMENT, GENDERS, OUTCOMES, PLACE_TYPES, REFERRAL_TYPES, SOCIAL_STATUSES, THEMES } from '../../src/schemas/lists.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const sizes = (process.env.BENCH_SIZES ?? '10000,50000,100000').split(',').map(Number)
const YEAR = { from: '2026-01-01', to: '2026-12-31' }
const PASSWORD = 'une phrase de passe pour le banc'

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A plausible accompaniment or held workshop of 2026, as a push leaves it on the server. */
function record(rnd: () => number, structureId: string, authorId: string, rev: number): { table: string; payload: Record<string, unknown> } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 334) * 86_400_000).toISOString().slice(0, 10)
  const stamp = `${day}T10:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00.000Z`
  const base = { id: ulid(Date.parse(stamp)), structureId, authorId, createdAt: stamp, updatedAt: stamp, deletedAt: null, rev, date: day, placeType: pick(PLACE_TYPES), placeName: pick(['Médiathèque d’Aubenas', 'Mairie de Vals', null]), placeCommune: 'Aubenas', placePostcode: '07200', equipment: [pick(EQUIPMENT.filter((e) => e !== 'aucun'))] }
  if (rnd() < 0.9) {
    const themes = [...new Set([pick(THEMES), pick(THEMES)])]
    const procedure = themes.includes('aide_aux_demarches_administratives')
    return {
      table: 'accompaniments',
      payload: {
        ...base, kind: 'individuel', startTime: '10:00', durationMinutes: pick([15, 30, 45, 60, 90]), themes, adminThemes: procedure ? [pick(ADMIN_THEMES)] : [], procedureName: procedure ? 'Demande de carte Vitale' : null, onBehalf: false, scenarioIds: ['creer-adresse-mail'],
        profile: { ageBracket: pick(AGE_BRACKETS), status: pick(SOCIAL_STATUSES), gender: pick(GENDERS), residenceCommune: 'Vals-les-Bains', residencePostcode: '07600', alreadyAccompanied: rnd() < 0.5 },
        autonomy: pick(AUTONOMY_LEVELS), outcome: pick(OUTCOMES), referral: rnd() < 0.2 ? { oriented: true, structureType: pick(REFERRAL_TYPES), placeId: null } : { oriented: false, structureType: null, placeId: null },
        followUp: rnd() < 0.2, notes: 'Création d’une adresse électronique et première connexion à l’espace personnel ; la personne revient la semaine prochaine.',
      },
    }
  }
  const total = 2 + Math.floor(rnd() * 10)
  return {
    table: 'workshops',
    payload: {
      ...base, kind: 'collectif', status: 'held', title: 'Atelier messagerie', level: 'debutant', startTime: '14:00', programme: ['creer-adresse-mail'], durationMinutes: 120, themes: ['email'], adminThemes: [], procedureName: null, onBehalf: false,
      participants: { total, alreadyAccompanied: 1, byGender: { feminin: total - 1, masculin: 1 }, byAge: null, byStatus: null }, facilitators: [], notes: '',
    },
  }
}

export async function seed(url: string, count: number): Promise<{ structureId: string; code: string }> {
  const { openDatabase } = await import('../../server/src/db/open.ts')
  const { createStructure, createCode } = await import('../../server/src/services/admin.ts')
  const { db } = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' })
  try {
    const created = await createStructure(db, { name: 'Médiathèque d’Aubenas', coordinatorEmail: 'marie@example.org' })
    const authors = [created.userId]
    for (let i = 0; i < 9; i++) authors.push((await createCode(db, created.structureId, { role: 'agent', name: `Agent ${i + 1}` })).userId)
    const rnd = random(count)
    let rev = 0
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      for (let i = 0; i < count; i += 1000) {
        const values: unknown[] = []
        const tuples: string[] = []
        for (let j = i; j < Math.min(count, i + 1000); j++) {
          const author = authors[j % authors.length]!
          const r = record(rnd, created.structureId, author, ++rev)
          values.push(created.structureId, r.table, r.payload.id, author, rev, JSON.stringify(r.payload), r.payload.date, r.table === 'workshops' ? 'structure' : 'author')
          const n = values.length
          tuples.push(`($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::date, $${n})`)
        }
        await client.query(`INSERT INTO records (structure_id, table_name, id, author_id, rev, payload, record_date, visibility) VALUES ${tuples.join(',')}`, values)
      }
      await client.query('UPDATE structures SET version = $2 WHERE id = $1', [created.structureId, rev])
      await client.query('ANALYZE records')
    } finally {
      await client.end()
    }
    return { structureId: created.structureId, code: created.code }
  } finally {
    await db.close()
  }
}

interface Server {
  child: ChildProcess
  url: string
  peakRssMb(): number
  stop(): Promise<void>
}

async function startServer(url: string): Promise<Server> {
  const heap = process.env.BENCH_SERVER_HEAP_MB ? [`--max-old-space-size=${Number(process.env.BENCH_SERVER_HEAP_MB)}`] : []
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', STATIC_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ready = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string }
        if (entry.msg?.startsWith('Tandem is ready') && entry.url) resolve(entry.url)
      } catch {
        // not a log line
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return {
    child,
    url: ready,
    peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const rows: string[] = []
  try {
    for (const size of sizes) {
      const name = `tandem_bench_console_${size}`
      await admin.query(`DROP DATABASE IF EXISTS ${name}`)
      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      // Migrate, then seed, then a fresh server measures.
      const first = await startServer(url.toString())
      await first.stop()
      const seeded = await timed(() => seed(url.toString(), size))
      const server = await startServer(url.toString())
      try {
        const headers = { 'x-tandem-console': '1', 'content-type': 'application/json' }
        const signIn = await fetch(`${server.url}/api/console/activate`, { method: 'POST', headers, body: JSON.stringify({ code: seeded.value.code, email: 'marie@example.org', password: PASSWORD }) })
        if (!signIn.ok) throw new Error(`activation: ${signIn.status} ${await signIn.text()}`)
        const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!
        const base = `${server.url}/api/console/structures/${seeded.value.structureId}`
        const get = (path: string) => fetch(`${base}${path}`, { headers: { 'x-tandem-console': '1', cookie } })
        const baseline = server.peakRssMb()
        const reports: number[] = []
        let activities = 0
        let firstMs = 0
        for (let i = 0; i < 4; i++) {
          const run = await timed(async () => (await get(`/report?from=${YEAR.from}&to=${YEAR.to}`)).json() as Promise<{ stats: { activities: number } }>)
          // The seeding wrote records directly, as an import or a migration would: the first report
          // rebuilds the per-day counters from them; after that, pushes keep the counters.
          if (i === 0) firstMs = run.ms
          else reports.push(run.ms)
          activities = run.value.stats.activities
        }
        const filtered = await timed(async () => (await get(`/report?from=${YEAR.from}&to=${YEAR.to}&theme=email`)).arrayBuffer())
        const afterReport = server.peakRssMb()
        const xlsx = await timed(async () => (await get(`/export/xlsx?from=${YEAR.from}&to=${YEAR.to}`)).arrayBuffer())
        const afterXlsx = server.peakRssMb()
        const csv = await timed(async () => (await get(`/export/csv?from=${YEAR.from}&to=${YEAR.to}`)).arrayBuffer())
        const peak = server.peakRssMb()
        const median = [...reports].sort((a, b) => a - b)[Math.floor(reports.length / 2)]!
        rows.push(
          `| ${size.toLocaleString('en')} | ${activities.toLocaleString('en')} | ${median.toFixed(0)} ms | ${firstMs.toFixed(0)} ms | ${filtered.ms.toFixed(0)} ms | ${(xlsx.ms / 1000).toFixed(1)} s (${(xlsx.value.byteLength / 1e6).toFixed(1)} MB) | ${(csv.ms / 1000).toFixed(1)} s (${(csv.value.byteLength / 1e6).toFixed(1)} MB) | ${baseline.toFixed(0)} / ${afterReport.toFixed(0)} / ${afterXlsx.toFixed(0)} / ${peak.toFixed(0)} MB |`,
        )
        console.log(rows.at(-1), `(seeded in ${(seeded.ms / 1000).toFixed(0)} s)`)
      } finally {
        await server.stop()
        await admin.query(`DROP DATABASE IF EXISTS ${name}`)
      }
    }
  } finally {
    await admin.end()
  }
  console.log('\n| records | counted | report (year, median of 3) | first report after the import (counters rebuilt) | report, one theme | XLSX export | CSV export | server peak RSS: start / after reports / after XLSX / after CSV |')
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const row of rows) console.log(row)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
