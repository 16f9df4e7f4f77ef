// The header's sync status maps each state to words and an icon (never colour alone).
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import SyncStatus from '@/features/sync/SyncStatus.vue'
import { EMPTY_MIRROR, writeSyncMirror, type SyncMirror } from '@/features/sync/statusMirror'
import { mountWithApp } from '../../support/mount'

afterEach(() => localStorage.clear())

async function statusFor(mirror: Partial<SyncMirror>, online = true): Promise<string> {
  writeSyncMirror({ ...EMPTY_MIRROR, enrolled: true, ...mirror })
  const { wrapper } = await mountWithApp(SyncStatus, { props: { online } })
  await nextTick()
  const text = wrapper.get('[data-testid="sync-status"]').text()
  expect(wrapper.find('svg[aria-hidden="true"]').exists()).toBe(true)
  wrapper.unmount()
  return text
}

describe('sync status', () => {
  it.each([
    [{}, true, 'Tout est envoyé'],
    [{ pending: 12 }, true, '12 en attente'],
    [{ pending: 1 }, true, '1 en attente'],
    [{ phase: 'sending' as const }, true, 'Envoi en cours…'],
    [{ phase: 'sending' as const, progress: { done: 120, total: 3400 } }, true, 'Envoi en cours… 120 sur 3 400'],
    [{}, false, 'Hors ligne — vos données restent sur la tablette'],
    [{ pending: 3 }, false, 'Hors ligne — 3 en attente, gardés sur la tablette'],
    [{ phase: 'error' as const, problem: 'unreachable' as const }, true, 'Serveur injoignable'],
    [{ phase: 'error' as const, problem: 'revoked' as const }, false, 'Appareil retiré'],
    [{ phase: 'error' as const, problem: 'too-old' as const }, true, 'Mise à jour nécessaire'],
    [{ refused: 2 }, true, '2 refusés par le serveur'],
  ])('says %o (online %s) as « %s »', async (mirror, online, words) => {
    expect((await statusFor(mirror, online)).replace(/\u202f|\u00a0/g, ' ')).toBe(words)
  })

  it('follows changes written by the sync store while shown', async () => {
    writeSyncMirror({ ...EMPTY_MIRROR, enrolled: true, pending: 2 })
    const { wrapper } = await mountWithApp(SyncStatus, { props: { online: true } })
    expect(wrapper.text()).toContain('2 en attente')
    writeSyncMirror({ ...EMPTY_MIRROR, enrolled: true, pending: 0 })
    await nextTick()
    expect(wrapper.text()).toContain('Tout est envoyé')
  })
})
