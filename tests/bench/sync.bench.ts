// `npm run bench:sync`: the sync protocol on the shared workload and link emulator
// (../shared/sync-bench, or SYNC_BENCH_DIR), for PGlite and PostgreSQL:
//   1. one device pushes a backlog of 10,000 records, then a fresh device of the same person
//      pulls them: wall time, requests, bytes per record each way, on loopback and through the
//      slowlink proxy at EDGE, 3G and a 50 ms round trip;
//   2. 2,000 records pushed through EDGE;
//   3. 200 devices pushing and pulling at once on loopback, bounded in time: records/s ingested
//      at saturation, then p50/p99 latency of 500-record pushes at an offered 5,000 records/s.
// Devices speak HTTP exactly as the app does: gzip request bodies, gzip answers, batches of 500.
// Only 127.0.0.1 is contacted. Never part of `npm test`.
//   npm run bench:sync
//   BENCH_DB=pglite|postgresql  BENCH_LINKS=none,edge  BENCH_PARTS=transfer|many
//   BENCH_PG_URL=postgres://…  to narrow it; BENCH_TRACE=1 prints each paced push (start, ms)
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import pg from 'pg'
import { accompanimentRecordSchema } from '../../src/schemas/accompaniment.ts'
import { pullResponseSchema, pushResponseSchema } from '../../src/schemas/sync.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const benchDir = resolve(process.env.SYNC_BENCH_DIR ?? join(repo, '..', 'shared', 'sync-bench'))
if (!existsSync(join(benchDir, 'workload.mjs')) || !existsSync(join(benchDir, 'slowlink.mjs'))) {
  console.log(`bench:sync: no shared workload in ${benchDir} (set SYNC_BENCH_DIR to it); nothing measured.`)
  process.exit(0)
}

interface WorkloadModule {
  makeRecords(n: number, seed?: number | string): Array<Record<string, unknown>>
  jsonSizes(records: unknown[]): { avg: number; min: number; max: number; total: number }
}
interface LinkStats {
  connections: number
  up: { bytes: number; requests: number }
  down: { bytes: number; responses: number; gzip: number }
}
interface SlowLink {
  port: number
  stats(): LinkStats
  close(): Promise<void>
}
interface SlowLinkModule {
  PRESETS: Record<string, { downKbit: number; upKbit: number; rttMs: number } | null>
  startSlowLink(options: { targetPort: number; preset: string }): Promise<SlowLink>
}

const workload = (await import(pathToFileURL(join(benchDir, 'workload.mjs')).href)) as WorkloadModule
const slowlink = (await import(pathToFileURL(join(benchDir, 'slowlink.mjs')).href)) as SlowLinkModule
// "A 50 ms round trip": a fast link (100 Mbit/s both ways) whose only cost is latency.
slowlink.PRESETS.rtt50 ??= { downKbit: 100_000, upKbit: 100_000, rttMs: 50 }

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const DBS = (process.env.BENCH_DB ?? 'pglite,postgresql').split(',')
const LINKS = (process.env.BENCH_LINKS ?? 'none,edge,3g,rtt50').split(',')
/** `transfer` (10,000 and 2,000 records), `many` (200 devices), or both. */
const PARTS = (process.env.BENCH_PARTS ?? 'transfer,many').split(',')
const BATCH = 500
const PAGE = 1000

// ---- The shared records as Tandem accompaniments ------------------------------------------

/** One shared record as Tandem's accompaniment, carrying the same information. */
function toAccompaniment(source: Record<string, unknown>): Record<string, unknown> {
  const themes = source.thematiques as string[]
  const procedure = themes.includes('aide_aux_demarches_administratives')
  return {
    id: source.id,
    structureId: source.structureId,
    authorId: source.authorId,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
    deletedAt: null,
    rev: null,
    kind: 'individuel',
    date: source.date,
    startTime: String(source.createdAt).slice(11, 16),
    durationMinutes: source.durationMin,
    placeType: source.typeLieu,
    placeName: null,
    placeCommune: source.commune,
    placePostcode: source.communeCodePostal,
    equipment: source.materiel,
    themes,
    // The shared records name no administrative sub-theme; Tandem requires one with that theme.
    adminThemes: procedure ? ['social_sante'] : [],
    procedureName: null,
    onBehalf: false,
    scenarioIds: [],
    profile: { ageBracket: source.trancheAge, status: source.statutSocial, gender: source.genre, residenceCommune: null, residencePostcode: null, alreadyAccompanied: null },
    autonomy: source.autonomie,
    // Not in the shared records: the national form's outcome, here always « résolu ».
    outcome: 'resolu',
    referral: { oriented: source.orienteVersStructure, structureType: source.structureDeRedirection, placeId: null },
    followUp: false,
    notes: source.notes,
  }
}

function records(n: number, seed: number | string = 1): Array<Record<string, unknown>> {
  return workload.makeRecords(n, seed).map(toAccompaniment)
}

// ---- Server processes ---------------------------------------------------------------------

interface BenchServer {
  port: number
  devices: Array<{ token: string; structure: number }>
  stop(): Promise<void>
}

async function withPgSchema<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const schema = `tandem_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  const url = new URL(PG_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  try {
    return await fn(url.toString())
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    await admin.end()
  }
}

async function startServer(kind: string, env: Record<string, string>): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-sync-'))
  const run = async (databaseUrl: string | undefined): Promise<BenchServer> => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(repo, 'tests/bench/sync-bench-server.ts')], {
      cwd: repo,
      env: { ...process.env, ...env, BENCH_DATA_DIR: dataDir, BENCH_DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const ready = await new Promise<{ port: number; devices: BenchServer['devices'] }>((done, fail) => {
      const lines = createInterface({ input: child.stdout! })
      lines.on('line', (line) => {
        if (line.startsWith('READY ')) done(JSON.parse(line.slice(6)) as { port: number; devices: BenchServer['devices'] })
      })
      child.once('exit', (code) => fail(new Error(`bench server exited with ${code}`)))
    })
    return {
      ...ready,
      stop: () =>
        new Promise<void>((done) => {
          child.once('exit', () => {
            rmSync(dataDir, { recursive: true, force: true })
            done()
          })
          child.kill('SIGTERM')
        }),
    }
  }
  if (kind === 'pglite') return run(undefined)
  // The schema lives as long as the server: dropped after it stops.
  let stopSchema!: () => void
  const schemaDone = new Promise<void>((done) => (stopSchema = done))
  const server = await new Promise<BenchServer>((done, fail) => {
    withPgSchema(async (url) => {
      const started = await run(url)
      done(started)
      await schemaDone
      await started.stop()
    }).catch(fail)
  })
  return { ...server, stop: async () => stopSchema() }
}

// ---- A device speaking the protocol --------------------------------------------------------

class BenchDevice {
  nextId = 1
  cursor = 0
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  body(batch: Array<Record<string, unknown>>): Buffer {
    // structureId, authorId and rev stay off the wire: the server stamps them from the token.
    const mutations = batch.map(({ structureId: _s, authorId: _a, rev: _r, ...record }) => ({
      id: this.nextId++,
      table: 'accompaniments',
      op: 'put',
      schemaVersion: 1,
      record,
    }))
    // zlib's default level: what a browser's CompressionStream('gzip') produces.
    return gzipSync(JSON.stringify({ schemaVersion: 1, mutations }))
  }

  async send(body: Buffer): Promise<number> {
    const response = await fetch(`${this.base}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip', 'accept-encoding': 'gzip' },
      body: new Uint8Array(body),
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${text}`)
    const answer = pushResponseSchema.parse(JSON.parse(text))
    if (answer.rejected.length > 0) throw new Error(`push rejected ${answer.rejected.length}: ${answer.rejected[0]!.reason}`)
    return answer.lastMutationId
  }

  async pushAll(all: Array<Record<string, unknown>>): Promise<number> {
    let requests = 0
    for (let i = 0; i < all.length; i += BATCH) {
      await this.send(this.body(all.slice(i, i + BATCH)))
      requests++
    }
    return requests
  }

  async pullPage(limit = PAGE): Promise<{ count: number; more: boolean }> {
    const response = await fetch(`${this.base}/api/sync/pull?cursor=${this.cursor}&limit=${limit}&schemaVersion=1`, {
      headers: { authorization: `Bearer ${this.token}`, 'accept-encoding': 'gzip' },
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${text}`)
    const page = pullResponseSchema.parse(JSON.parse(text))
    this.cursor = page.cursor
    return { count: page.changes.length, more: page.more }
  }

  async pullAll(): Promise<{ requests: number; count: number }> {
    let requests = 0
    let count = 0
    for (;;) {
      const page = await this.pullPage()
      requests++
      count += page.count
      if (!page.more) return { requests, count }
    }
  }
}

// ---- Measures -----------------------------------------------------------------------------

const results: string[] = []
const say = (line: string) => {
  console.log(line)
  results.push(line)
}
const round = (n: number, digits = 1) => Number(n.toFixed(digits))
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}
const delta = (after: LinkStats, before: LinkStats) => ({
  up: after.up.bytes - before.up.bytes,
  down: after.down.bytes - before.down.bytes,
  requests: after.up.requests - before.up.requests,
})

async function tenThousand(kind: string, link: string, backlog: Array<Record<string, unknown>>): Promise<void> {
  const server = await startServer(kind, { BENCH_DEVICES: '1', BENCH_STRUCTURES: '1', BENCH_SAME_USER: '1' })
  const proxy = await slowlink.startSlowLink({ targetPort: server.port, preset: link })
  try {
    const base = `http://127.0.0.1:${proxy.port}`
    const pusher = new BenchDevice(base, server.devices[0]!.token)
    const fresh = new BenchDevice(base, server.devices[1]!.token)
    const n = backlog.length
    const s0 = proxy.stats()
    let t = performance.now()
    await pusher.pushAll(backlog)
    const pushMs = performance.now() - t
    const s1 = proxy.stats()
    t = performance.now()
    const pulled = await fresh.pullAll()
    const pullMs = performance.now() - t
    const s2 = proxy.stats()
    if (pulled.count !== n) throw new Error(`pulled ${pulled.count} of ${n}`)
    const push = delta(s1, s0)
    const pull = delta(s2, s1)
    say(
      `| ${kind} | ${link} | push ${n} | ${round(pushMs / 1000, 2)} s | ${push.requests} | ${round(push.up / n)} up, ${round(push.down / n, 2)} down |`,
    )
    say(
      `| ${kind} | ${link} | pull ${n} | ${round(pullMs / 1000, 2)} s | ${pull.requests} | ${round(pull.down / n)} down, ${round(pull.up / n, 2)} up |`,
    )
  } finally {
    await proxy.close()
    await server.stop()
  }
}

async function edgeTwoThousand(kind: string, backlog: Array<Record<string, unknown>>): Promise<void> {
  const server = await startServer(kind, { BENCH_DEVICES: '1', BENCH_STRUCTURES: '1' })
  const proxy = await slowlink.startSlowLink({ targetPort: server.port, preset: 'edge' })
  try {
    const device = new BenchDevice(`http://127.0.0.1:${proxy.port}`, server.devices[0]!.token)
    const t = performance.now()
    const requests = await device.pushAll(backlog)
    const seconds = (performance.now() - t) / 1000
    const stats = proxy.stats()
    say(`| ${kind} | edge | push 2000 | ${round(seconds, 2)} s | ${requests} | ${round(stats.up.bytes / backlog.length)} up, ${round(stats.down.bytes / backlog.length, 2)} down |`)
  } finally {
    await proxy.close()
    await server.stop()
  }
}

/**
 * 200 devices on 50 structures at once, on loopback. Paced first: every device pushes one
 * 500-record batch, the pushes spread evenly so that the offered load is 5,000 records/s, each
 * followed by a pull. Then saturation: every device pushes the rest of its backlog of
 * 500-record batches back to back (and pulls after each) for SATURATION_MS.
 */
async function manyDevices(kind: string): Promise<void> {
  const DEVICES = 200
  const SATURATION_MS = Number(process.env.BENCH_SATURATION_MS ?? 15_000)
  const BATCHES = 3
  const server = await startServer(kind, { BENCH_DEVICES: String(DEVICES), BENCH_STRUCTURES: '50' })
  try {
    const base = `http://127.0.0.1:${server.port}`
    const devices = server.devices.map((device) => new BenchDevice(base, device.token))
    const source = records(BATCH * 4, 'many')
    // Bodies made before the clock starts: the devices' own CPU is not the server's.
    const bodies = devices.map((device, d) =>
      Array.from({ length: BATCHES + 1 }, (_, b) => device.body(source.slice(((d + b) % 4) * BATCH, ((d + b) % 4) * BATCH + BATCH).map((record) => ({ ...record, id: benchId(d, b, record.id as string) })))),
    )

    const sent = devices.map(() => 0)
    // Paced first, on the fresh database: one batch per device, 10 pushes a second.
    const OFFERED = 5000
    const interval = (BATCH / OFFERED) * 1000
    const paced: number[] = []
    const trace: Array<[number, number]> = []
    const t1 = performance.now()
    await Promise.all(
      devices.map(async (device, d) => {
        await new Promise((done) => setTimeout(done, d * interval))
        const t = performance.now()
        await device.send(bodies[d]![0]!)
        sent[d] = 1
        paced.push(performance.now() - t)
        if (process.env.BENCH_TRACE) trace.push([Math.round(t - t1), Math.round(performance.now() - t)])
        await device.pullPage(PAGE)
      }),
    )
    const pacedSeconds = (performance.now() - t1) / 1000
    if (process.env.BENCH_TRACE) console.log(JSON.stringify(trace.sort((a, b) => a[0] - b[0])))
    say(
      `| ${kind} | 200 devices, offered ${OFFERED} rec/s | ${DEVICES * BATCH} records in ${round(pacedSeconds, 1)} s | ${Math.round((DEVICES * BATCH) / pacedSeconds)} rec/s | **p50 ${Math.round(percentile(paced, 50))} ms, p99 ${Math.round(percentile(paced, 99))} ms** |`,
    )

    let ingested = 0
    const saturation: number[] = []
    const deadline = performance.now() + SATURATION_MS
    const t0 = performance.now()
    await Promise.all(
      devices.map(async (device, d) => {
        for (let b = sent[d]!; b < BATCHES + 1 && performance.now() < deadline; b++) {
          const t = performance.now()
          await device.send(bodies[d]![b]!)
          sent[d] = b + 1
          saturation.push(performance.now() - t)
          ingested += BATCH
          await device.pullPage(PAGE)
        }
      }),
    )
    const seconds = (performance.now() - t0) / 1000
    say(
      `| ${kind} | 200 devices, saturation | ${ingested} records in ${round(seconds, 1)} s | **${Math.round(ingested / seconds)} rec/s** | p50 ${Math.round(percentile(saturation, 50))} ms, p99 ${Math.round(percentile(saturation, 99))} ms (${saturation.length} pushes, all in flight at once) |`,
    )
  } finally {
    await server.stop()
  }
}

/** A distinct ULID per device and batch, keeping the record's time part. */
function benchId(device: number, batch: number, id: string): string {
  const tag = (device * 8 + batch).toString(32).toUpperCase().padStart(4, '0').replace(/[ILOU]/g, 'Z')
  return id.slice(0, 22) + tag
}

// ---- Run ----------------------------------------------------------------------------------

const backlog = records(10_000)
const sizes = workload.jsonSizes(backlog)
const invalid = backlog.filter((record) => !accompanimentRecordSchema.safeParse(record).success).length
if (invalid > 0) throw new Error(`${invalid} mapped records do not validate`)
say(`Shared records: ${workload.jsonSizes(workload.makeRecords(10_000, 1)).avg} bytes of JSON on average; mapped to Tandem accompaniments: ${sizes.avg} bytes (min ${sizes.min}, max ${sizes.max}).`)
if (PARTS.includes('transfer')) {
  say('')
  say('| database | link | what | wall time | requests | bytes per record on the wire |')
  say('| --- | --- | --- | --- | --- | --- |')
  for (const kind of DBS) {
    for (const link of LINKS) await tenThousand(kind, link, backlog)
    await edgeTwoThousand(kind, backlog.slice(0, 2000))
  }
}
if (PARTS.includes('many')) {
  say('')
  say('| database | load | records | ingested | push latency (500 records) |')
  say('| --- | --- | --- | --- | --- |')
  for (const kind of DBS) await manyDevices(kind)
}
