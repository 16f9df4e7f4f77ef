// Whether two versions of a place say the same thing, base fields (id, dates, rev, author)
// aside: a re-import writes only the places that changed. Key order does not matter at any
// depth (PostgreSQL's jsonb and IndexedDB both reorder keys).

const BASE_FIELDS = new Set(['id', 'structureId', 'authorId', 'createdAt', 'updatedAt', 'deletedAt', 'rev'])

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** The place's content as one comparable text, base fields left out. */
export function contentKey(record: object): string {
  return canonical(Object.fromEntries(Object.entries(record).filter(([key]) => !BASE_FIELDS.has(key))))
}

export function sameContent(a: object, b: object): boolean {
  return contentKey(a) === contentKey(b)
}
