// Retention on the server (DESIGN.md, "Security and privacy"): records whose own date is older
// than their structure's retention period are deleted, with their replaced versions; rejected
// mutations and enrolment codes go after the same period. Devices apply the same rule to what
// they hold, from the retention their structure sends them, so no tombstone is needed.
// Runs at start and once a day (main.ts); safe to run from several instances at once.
import type { Database } from '../db/database.ts'

export interface PurgeReport {
  records: number
  history: number
  rejected: number
  codes: number
}

/** The first day still kept: `today − retention_months`, computed by the database. */
const CUTOFF = `($1::date - make_interval(months => s.retention_months))`

export async function purgeExpired(db: Database, now: Date = new Date()): Promise<PurgeReport> {
  const today = now.toISOString().slice(0, 10)
  return db.transaction(async (tx) => {
    const records = await tx.query(
      `DELETE FROM records r USING structures s
        WHERE r.structure_id = s.id AND r.record_date IS NOT NULL AND r.record_date < ${CUTOFF}`,
      [today],
    )
    // The per-day counters of those days go with them.
    await tx.query(
      `DELETE FROM activity_days d USING structures s WHERE d.structure_id = s.id AND d.day < ${CUTOFF}`,
      [today],
    )
    const history = await tx.query(
      `DELETE FROM record_history h USING structures s
        WHERE h.structure_id = s.id
          AND (h.record_date < ${CUTOFF} OR (h.record_date IS NULL AND h.replaced_at < ${CUTOFF}))`,
      [today],
    )
    const rejected = await tx.query(
      `DELETE FROM rejected_mutations x USING structures s
        WHERE x.structure_id = s.id AND x.created_at < ${CUTOFF}`,
      [today],
    )
    const codes = await tx.query(
      `DELETE FROM enrolment_codes c USING structures s
        WHERE c.structure_id = s.id AND c.expires_at < ${CUTOFF}`,
      [today],
    )
    return { records: records.rowCount, history: history.rowCount, rejected: rejected.rowCount, codes: codes.rowCount }
  })
}
