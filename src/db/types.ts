// Row shapes of the tables that belong to no single feature.

export interface MetaEntry {
  key: string
  value: unknown
}
