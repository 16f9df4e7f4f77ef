import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TandemDatabase } from '@/db/database'
import { readActivitySettings } from '@/features/journal/activitySettings'
import ActivitySettings from '@/features/journal/ActivitySettingsForm.vue'
import { addMonths, today } from '@/lib/dates'
import { mountWithApp } from '../../support/mount'
import { freshDatabase, settle } from '../harness'
import { anAccompaniment } from '../../unit/accompaniments/builders'
import { saveAccompaniment } from '../../unit/accompaniments/builders'

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
    await saveAccompaniment(anAccompaniment({ date: addMonths(today(), -30) }))
    await saveAccompaniment(anAccompaniment({ date: addMonths(today(), -25) }))
    await saveAccompaniment(anAccompaniment({ date: addMonths(today(), -1) }))
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
