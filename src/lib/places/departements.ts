// The département codes a structure may choose for its places directory (the console's setting,
// checked again by the server): metropolitan 01–95 without 20 (Corsica is 2A and 2B), and the
// overseas codes 971–976 (975, Saint-Pierre-et-Miquelon, a collectivity with its own
// postcodes, included). Relative imports only: the server imports this module.

export const DEPARTEMENT_CODES: ReadonlySet<string> = new Set([
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'),
  '2A',
  '2B',
  '971',
  '972',
  '973',
  '974',
  '975',
  '976',
])

/** `7` → `07`, ` 2a ` → `2A`; anything else as typed (trimmed, upper case). */
export function normaliseDepartementCode(code: string): string {
  const value = code.trim().toUpperCase()
  return /^\d$/.test(value) ? `0${value}` : value
}

/** Sorted as on a map's legend: 01 … 19, 2A, 2B, 21 … 95, 971 … */
export function sortDepartements(codes: Iterable<string>): string[] {
  const order = (code: string) => (code === '2A' ? 20.1 : code === '2B' ? 20.2 : Number(code))
  return [...new Set(codes)].sort((a, b) => order(a) - order(b))
}

/**
 * A typed list (`07, 26 2a;974`) as codes, or the first entry that is not a département.
 * An empty text is an empty list (no choice: every département of a file).
 */
export function parseDepartementList(text: string): { ok: true; codes: string[] } | { ok: false; wrong: string } {
  const codes = text.split(/[\s,;]+/).filter(Boolean).map(normaliseDepartementCode)
  const wrong = codes.find((code) => !DEPARTEMENT_CODES.has(code))
  return wrong === undefined ? { ok: true, codes: sortDepartements(codes) } : { ok: false, wrong }
}
