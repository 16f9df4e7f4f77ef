import { describe, expect, it } from 'vitest'
import { applyPrefill, emptyAccompanimentValues, readPrefillQuery, setFollowUp } from '@/features/accompaniments/formValues'
import { DEFAULT_ACTIVITY_SETTINGS } from '@/schemas/activitySettings'
import { byFollowUpDay } from '@/features/journal/followUps'
import type { Accompaniment } from '@/schemas/accompaniment'

const empty = () => emptyAccompanimentValues(DEFAULT_ACTIVITY_SETTINGS, '2026-12-01')

describe('prefills of a new accompaniment', () => {
  it('reads scenarios and the follow-up it continues, never a duration from the address', () => {
    expect(readPrefillQuery({ scenarios: 'creer-adresse-mail,mon-compte-caf,../x', minutes: '1', followUpOf: '01JD0000000000000000000000' })).toEqual({
      scenarioIds: ['creer-adresse-mail', 'mon-compte-caf'],
      followUpOf: '01JD0000000000000000000000',
    })
    expect(readPrefillQuery({ followUpOf: 'not-an-id' }).followUpOf).toBeNull()
  })

  it('ticks the main themes given, and marks a follow-up as someone already accompanied', () => {
    const values = applyPrefill(empty(), { scenarioIds: ['mon-compte-caf'], followUpOf: '01JD0000000000000000000000' }, ['aide_aux_demarches_administratives', 'famille_scolarite'])
    expect(values).toMatchObject({ durationMinutes: null, themes: ['aide_aux_demarches_administratives'], adminThemes: ['famille_scolarite'], followUpOf: '01JD0000000000000000000000' })
    expect(values.profile.alreadyAccompanied).toBe(true)
  })

  it('drops the reminder and the day when the follow-up is unticked', () => {
    const on = { ...setFollowUp(empty(), true), followUpNote: 'APL', followUpDate: '2026-12-10' }
    expect(setFollowUp(on, false)).toMatchObject({ followUp: false, followUpNote: null, followUpDate: null })
  })
})

describe('follow-ups to do', () => {
  it('come by agreed day, earliest first, then those without a day by their accompaniment’s date', () => {
    const a = (id: string, date: string, followUpDate: string | null) => ({ id, date, followUpDate }) as Accompaniment
    const sorted = [a('1', '2026-11-01', null), a('2', '2026-10-01', '2026-12-20'), a('3', '2026-09-01', null), a('4', '2026-11-15', '2026-12-03')].sort(byFollowUpDay)
    expect(sorted.map((x) => x.id)).toEqual(['4', '2', '3', '1'])
  })
})
