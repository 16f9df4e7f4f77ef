// A console failure as a sentence in the interface language: the known codes have their own
// translation, a lock says how many minutes remain, anything else falls back to the server's
// French message or a general sentence.
import { ConsoleError } from './api'

export const KNOWN_ERRORS = [
  'offline',
  'signed_out',
  'forbidden',
  'not_found',
  'wrong_credentials',
  'invalid_code',
  'code_expired',
  'code_used',
  'not_coordinator',
  'email_required',
  'email_taken',
  'email_mismatch',
  'password_too_short',
  'password_too_long',
  'wrong_password',
  'deactivated',
  'self_deactivation',
  'invalid_body',
  'invalid_period',
  'too_many_requests',
  'file_too_large',
] as const

type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ConsoleError) {
    if (error.code === 'too_many_attempts') {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60))
      return t('console.errors.too_many_attempts', { n: minutes }, minutes)
    }
    if ((KNOWN_ERRORS as readonly string[]).includes(error.code)) return t(`console.errors.${error.code}`)
    if (error.message) return error.message
  }
  return t('console.errors.generic')
}
