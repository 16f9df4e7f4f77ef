// A sync server in a child process, for the test that kills it mid-batch (SIGKILL while a push
// transaction is open). Opens DATA_DIR's PGlite or DATABASE_URL, optionally seeds a structure
// and a person (SEED=1), and with HANG_PUSH=1 makes every push wait forever after its writes,
// before COMMIT, printing `HANGING` when it gets there. Prints `READY {"port", "code"?}`.
import { buildApp } from '../../../server/src/app.ts'
import { openDatabase } from '../../../server/src/db/open.ts'
import { createCode, createStructure } from '../../../server/src/services/admin.ts'

const { db } = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? './data' })
let code: string | undefined
if (process.env.SEED === '1') {
  const structure = await createStructure(db, { name: 'Structure', coordinatorEmail: 'c@example.org' })
  code = (await createCode(db, structure.structureId, { role: 'agent', name: 'Awa' })).code
}
const hang = process.env.HANG_PUSH === '1'
const app = await buildApp({
  db,
  logLevel: 'silent',
  sync: {
    pushProbe: async () => {
      if (!hang) return
      process.stdout.write('HANGING\n')
      await new Promise(() => {})
    },
  },
})
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stdout.write(`READY ${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, code, structureId: undefined })}\n`)
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0))
})
