// GET /api/sync/pull: the changes a device's user may see after its cursor (DESIGN.md, "Pull").
//
// Guarantees (tests/server/sync-*.test.ts):
// - oldest first by rev; every change has its own rev, so a page may end anywhere (even inside
//   one push) and the next page starts right after it;
// - a device sees its user's own records (from all their devices) and the structure's shared
//   tables; colleagues' accompaniments and other structures never;
// - the page and the structure's version are read in ONE statement (one snapshot). Pushes
//   take their change numbers under the structure row lock and hold it until COMMIT, so the
//   committed revs always form a prefix 1..k: a cursor never passes a change still being
//   written. When nothing more is visible, the cursor moves to the structure's version, so
//   the next pull skips what this user may not see;
// - a tombstone travels as op 'delete' with the base fields, kind and date only.
// The answer is built as JSON text by the database (no parse and re-serialise of every record).
import type { Database } from '../db/database.ts'
import type { PullQuery } from '../../../src/schemas/sync.ts'
import type { DeviceContext } from '../auth/device.ts'

interface PageRow {
  version: number
  rev: number | null
  change: string | null
}

export interface PullPage {
  /** The answer's JSON text: { changes, cursor, more }. */
  json: string
  count: number
  cursor: number
  more: boolean
}

export async function pullChanges(db: Database, device: DeviceContext, query: PullQuery): Promise<PullPage> {
  const result = await db.query<PageRow>(
    `SELECT s.version, c.rev, c.change
       FROM structures s
       LEFT JOIN LATERAL (
         SELECT r.rev,
                json_build_object(
                  'rev', r.rev, 'table', r.table_name,
                  'op', CASE WHEN r.deleted_at IS NULL THEN 'put' ELSE 'delete' END,
                  'record', r.payload || jsonb_build_object('rev', r.rev))::text AS change
           FROM records r
          WHERE r.structure_id = s.id AND r.rev > $2 AND (r.visibility = 'structure' OR r.author_id = $3)
          ORDER BY r.rev
          LIMIT $4
       ) c ON true
      WHERE s.id = $1
      ORDER BY c.rev`,
    [device.structureId, query.cursor, device.userId, query.limit + 1],
  )
  const rows = result.rows.filter((row): row is PageRow & { rev: number; change: string } => row.rev !== null)
  const more = rows.length > query.limit
  const page = more ? rows.slice(0, query.limit) : rows
  const version = result.rows[0]?.version ?? query.cursor
  const lastRev = page.at(-1)?.rev ?? query.cursor
  const cursor = more ? lastRev : Math.max(lastRev, version, query.cursor)
  // Once a minute at most: list-devices shows when a device was last seen.
  await db.query(
    `UPDATE devices SET last_pull_at = now()
      WHERE structure_id = $1 AND id = $2 AND (last_pull_at IS NULL OR last_pull_at < now() - interval '1 minute')`,
    [device.structureId, device.deviceId],
  )
  return {
    json: `{"changes":[${page.map((row) => row.change).join(',')}],"cursor":${cursor},"more":${more}}`,
    count: page.length,
    cursor,
    more,
  }
}
