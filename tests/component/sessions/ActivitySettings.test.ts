import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase } from '@/db/database'
import { saveSessionLog } from '@/features/sessions/repo'
import { readActivitySettings } from '@/features/sessions/settingsRepo'
import ActivitySettings from '@/features/sessions/ActivitySettings.vue'
import { addMonths, today } from '@/lib/dates'
import { mountWithApp } from '../../support/mount'
import { freshDatabase, settle } from './harness'
import { aSession } from '../../unit/sessions/builders'

let database: TandemDatabase
beforeEach(async () => {
  database = await freshDatabase()
})
afterEach(async () => {
  database.close()
  await database.delete()
})

describe('activity settings', () => {
  it('saves the default place, retention and separator', async () => {
    const { wrapper } = await mountWithApp(ActivitySettings, { routes: [{ path: '/', component: { template: '<p/>' } }] })
    await settle()
    await wrapper.find('#settings-commune').setValue('Royan')
    await wrapper.find('#settings-retention').setValue('12')
    await wrapper.find('#settings-separator').setValue(',')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="settings-status"]').text()).toBe('Enregistré')
    expect(await readActivitySettings()).toMatchObject({ placeCommune: 'Royan', retentionMonths: 12, csvSeparator: ',' })
    wrapper.unmount()
  })

  it('shows how much is past retention and removes it only once confirmed', async () => {
    await saveSessionLog(aSession({ date: addMonths(today(), -30) }))
    await saveSessionLog(aSession({ date: addMonths(today(), -25) }))
    await saveSessionLog(aSession({ date: addMonths(today(), -1) }))
    await database.outbox.clear() // pushed
    const { wrapper } = await mountWithApp(ActivitySettings, { routes: [{ path: '/', component: { template: '<p/>' } }] })
    await settle()
    await wrapper.findAll('button').find((b) => b.text().startsWith('Vérifier'))!.trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="purge-preview"]').text()).toContain(': 2.')
    expect(await database.table('sessionLogs').count()).toBe(3)
    await wrapper.find('[data-testid="purge-confirm"]').trigger('click')
    await settle()
    expect(await database.table('sessionLogs').count()).toBe(1)
    expect(wrapper.find('[data-testid="settings-status"]').text()).toBe('Éléments effacés : 2.')
    wrapper.unmount()
  })
})
