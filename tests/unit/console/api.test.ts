// The console reads every answer through its shared schema: a body that does not match is an
// error the screens show, never data they trust.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConsoleError, getJson } from '@/features/console/api'
import { structureSettingsSchema } from '@/schemas/console'

afterEach(() => vi.unstubAllGlobals())

const answer = (body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }))

describe('console answers', () => {
  it('parses a matching answer', async () => {
    vi.stubGlobal('fetch', answer({ name: 'Médiathèque', structureType: null, commune: null, communePostcode: null, retentionMonths: 24 }))
    await expect(getJson('/api/console/structures/S1/settings', structureSettingsSchema)).resolves.toMatchObject({ name: 'Médiathèque', retentionMonths: 24 })
  })

  it('refuses an answer that does not match its schema', async () => {
    vi.stubGlobal('fetch', answer({ name: 'Médiathèque', retentionMonths: 'twenty-four' }))
    const failure = await getJson('/api/console/structures/S1/settings', structureSettingsSchema).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ConsoleError)
    expect((failure as ConsoleError).code).toBe('invalid_answer')
  })
})
