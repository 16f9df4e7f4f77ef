// The server side of `npm run bench:sync`, in its own process (so the simulated devices and
// the server do not share one event loop): opens a fresh database (PGlite in BENCH_DATA_DIR or
// PostgreSQL at BENCH_DATABASE_URL), enrols BENCH_DEVICES devices spread over
// BENCH_STRUCTURES structures through the enrolment service, listens on 127.0.0.1 and prints
// one line `READY {"port", "devices": [{ token, structure }]}`. Stops on SIGTERM.
import { buildApp } from '../../server/src/app.ts'
import { openDatabase } from '../../server/src/db/open.ts'
import { createCode, createStructure } from '../../server/src/services/admin.ts'
import { enrolDevice } from '../../server/src/services/enrolment.ts'

const devices = Number(process.env.BENCH_DEVICES ?? 2)
const structures = Number(process.env.BENCH_STRUCTURES ?? 1)
const { db } = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL || undefined, dataDir: process.env.BENCH_DATA_DIR ?? '/tmp/tandem-bench-unused' })

const enrolled: Array<{ token: string; structure: number }> = []
const structureIds: string[] = []
for (let s = 0; s < structures; s++) {
  structureIds.push((await createStructure(db, { name: `Structure ${s}`, coordinatorEmail: `coord${s}@example.org` })).structureId)
}
for (let d = 0; d < devices; d++) {
  const structure = d % structures
  const { code } = await createCode(db, structureIds[structure]!, { role: 'agent', name: `Agent ${d}` })
  const answer = await enrolDevice(db, { code, deviceName: `Tablette ${d}`, nextMutationId: 1 })
  enrolled.push({ token: answer.token, structure })
}
// A few devices may share one user in the 10,000-record runs: the puller is the pusher's colleague
// by default; BENCH_SAME_USER=1 makes device 1 a second device of device 0's user.
if (process.env.BENCH_SAME_USER === '1' && enrolled.length >= 1) {
  const first = await db.query<{ user_id: string }>('SELECT user_id FROM devices ORDER BY created_at, id LIMIT 1')
  const { code } = await createCode(db, structureIds[0]!, { userId: first.rows[0]!.user_id })
  const answer = await enrolDevice(db, { code, deviceName: 'Tablette neuve', nextMutationId: 1 })
  enrolled.push({ token: answer.token, structure: 0 })
}

const app = await buildApp({ db, logLevel: 'warn', sync: { enrolPerAddress: 1_000_000, enrolPerCode: 1_000_000 } })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const port = typeof address === 'object' && address ? address.port : 0
process.stdout.write(`READY ${JSON.stringify({ port, devices: enrolled })}\n`)

const stop = async () => {
  await app.close()
  await db.close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
