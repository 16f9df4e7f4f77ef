// Row shapes of the tables that belong to no single feature.

export interface MetaEntry {
  key: string
  value: unknown
}

/** One pending change to push. `seq` is the device's mutation counter (see docs/sync.md). */
export interface OutboxEntry {
  seq?: number
  table: string
  recordId: string
  op: 'put' | 'delete'
  payload: unknown
  attempts: number
  lastError: string | null
  createdAt: string
}
