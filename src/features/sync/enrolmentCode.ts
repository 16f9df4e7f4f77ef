// What a scanned enrolment QR code holds: the code itself, or an address of this app carrying
// it (`…/settings?enrol=CODE`). Anything else is not a code.

const CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{3,62}[A-Za-z0-9]$/

export function codeFromScan(raw: string): string | null {
  const text = raw.trim()
  try {
    const url = new URL(text)
    const value = url.searchParams.get('enrol') ?? url.searchParams.get('code')
    return value && CODE.test(value) ? value : null
  } catch {
    return CODE.test(text) ? text : null
  }
}
