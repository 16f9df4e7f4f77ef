// Linking a device in Settings: a refused code says why in the interface language and changes
// nothing; a linked device shows who and which structure; unlinking with unsent work asks first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import SyncSettings from '@/features/sync/SyncSettings.vue'
import { useSyncStore } from '@/features/sync/store'
import { readEnrolment, saveEnrolment } from '@/features/sync/repo'
import { outboxSize } from '@/features/sync/outbox'
import { SYNC_BINDINGS } from '@/app/sync'
import type { TandemDatabase } from '@/db/database'
import { freshDatabase, settle, until } from '../harness'
import { mountWithApp } from '../../support/mount'
import { anAccompaniment, saveAccompaniment } from '../../unit/accompaniments/builders'

let database: TandemDatabase
beforeEach(async () => {
  database = await freshDatabase()
})
afterEach(async () => {
  useSyncStore().stop()
  database.close()
  await database.delete()
  localStorage.clear()
})

const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

async function mount(fetch: typeof globalThis.fetch) {
  const mounted = await mountWithApp(SyncSettings, { path: '/settings' })
  await useSyncStore().start({ bindings: SYNC_BINDINGS, fetch, locks: null })
  await settle()
  return mounted
}

describe('linking this device', () => {
  it('says in words why a code is refused, and links nothing', async () => {
    const { wrapper } = await mount(answer(400, { error: 'code_expired', message: 'Ce code a expiré.' }) as typeof fetch)
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="enrol-error"]').text()).toContain('Tapez le code de liaison')
    await wrapper.get('#enrol-code').setValue('ABCD-EFGH')
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="enrol-error"]').exists() && wrapper.get('[data-testid="enrol-error"]').text().includes('expiré'))
    expect(wrapper.get('[data-testid="enrol-error"]').text()).toContain('Ce code a expiré (48 h)')
    expect(await readEnrolment()).toBeNull()
  })

  it('shows the structure and the person, and asks before unlinking with unsent work', async () => {
    await saveEnrolment({ token: 't'.repeat(40), deviceId: 'D1', structureId: 'S1', structureName: 'France Services de Vals', retentionMonths: 24, userId: 'U1', role: 'agent', displayName: 'Awa', enrolledAt: new Date().toISOString(), revokedAt: null })
    await saveAccompaniment(anAccompaniment())
    // The server is unreachable: the record stays waiting.
    const { wrapper } = await mount((async () => {
      throw new TypeError('offline')
    }) as typeof fetch)
    await until(() => wrapper.find('[data-testid="sync-structure"]').exists())
    expect(wrapper.get('[data-testid="sync-structure"]').text()).toBe('France Services de Vals')
    expect(wrapper.text()).toContain('Awa (agent)')
    await until(() => wrapper.find('[data-testid="sync-problem"]').exists())
    expect(wrapper.get('[data-testid="sync-problem"]').text()).toContain('ne répond pas')
    await wrapper.get('[data-testid="unlink"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('1 enregistrement n’est pas encore envoyé')
    expect(await readEnrolment()).not.toBeNull()
    await wrapper.findAll('button').find((b) => b.text().startsWith('Délier et garder'))!.trigger('click')
    await settle()
    expect(await readEnrolment()).toBeNull()
    expect(await outboxSize()).toBe(1)
  })
})
