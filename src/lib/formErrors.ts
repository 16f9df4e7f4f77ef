// A zod error turned into what a form shows: one error per field, messages as i18n keys.
import type { z } from 'zod'

/** A field's dotted path (`profile.postcode`) and the i18n key of its message. */
export interface FieldError {
  path: string
  messageKey: string
}

/** Every field's first error, in the order of the issues (the form's order). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.')
    if (seen.has(path)) continue
    seen.add(path)
    out.push({ path, messageKey: issue.message.includes('.') && !issue.message.includes(' ') ? issue.message : 'form.errors.invalid' })
  }
  return out
}
