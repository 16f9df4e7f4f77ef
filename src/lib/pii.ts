// Spots personal data typed into free-text notes, so the form can warn (never block): an email
// address, a French phone number, a French social security number (NIR).

export const PII_KINDS = ['email', 'phone', 'nir'] as const
export type PiiKind = (typeof PII_KINDS)[number]

const PATTERNS: Record<PiiKind, RegExp> = {
  email: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u,
  // 0X XX XX XX XX, +33 X…, 0033 X…, with spaces, dots or hyphens between pairs.
  phone: /(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/,
  // Sex, year, month (01–12, or 20–99 for special cases), department (2A/2B for Corsica),
  // commune, order number, and the optional two-digit key; spaces allowed between groups.
  nir: /(?<!\d)[1-478]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[ABab])\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?!\d)/,
}

/** The kinds of personal data found in a text, in a stable order. */
export function detectPii(text: string): PiiKind[] {
  if (!text) return []
  return PII_KINDS.filter((kind) => PATTERNS[kind].test(text))
}
