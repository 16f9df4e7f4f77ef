import { describe, expect, it } from 'vitest'
import { accompanimentRecordSchema, accompanimentSchemas } from '@/schemas/accompaniment'
import { workshopSchemas } from '@/schemas/workshop'
import { latestDateOnEarth, MAX_DURATION_MINUTES, NOTES_MAX } from '@/schemas/activity'
import { fieldErrors } from '@/lib/formErrors'
import { anAccompaniment, aWorkshop } from '../accompaniments/builders'

const on = (day: string) => ({ latestPastDate: () => day })
const errorsOf = (result: { success: boolean; error?: import('zod').ZodError }) => (result.success || !result.error ? [] : fieldErrors(result.error))

describe('dates of what has happened', () => {
  it('refuses an accompaniment dated after today, with a translated error on the date', () => {
    const { content } = accompanimentSchemas(on('2026-12-01'))
    expect(content.safeParse(anAccompaniment({ date: '2026-12-01' })).success).toBe(true)
    expect(errorsOf(content.safeParse(anAccompaniment({ date: '2026-12-02' })))).toEqual([{ path: 'date', messageKey: 'form.errors.dateInFuture' }])
    expect(errorsOf(content.safeParse(anAccompaniment({ date: '2027-03-01' })))).toEqual([{ path: 'date', messageKey: 'form.errors.dateInFuture' }])
  })

  it('refuses a held workshop dated after today, and lets a plan be dated next year', () => {
    const { content } = workshopSchemas(on('2026-12-01'))
    expect(errorsOf(content.safeParse(aWorkshop({ status: 'held', date: '2026-12-08' })))).toEqual([{ path: 'date', messageKey: 'form.errors.heldInFuture' }])
    expect(content.safeParse(aWorkshop({ status: 'planned', date: '2027-10-08', participants: null, durationMinutes: null })).success).toBe(true)
  })

  it('accepts on receipt what a device ahead of UTC, or a few minutes fast, accepted', () => {
    // 10:30 UTC on 1 December: already 2 December in Kiribati (UTC+14), not yet 3 December anywhere.
    const now = new Date('2026-12-01T10:30:00Z')
    expect(latestDateOnEarth(now)).toBe('2026-12-02')
    // 09:50 UTC: 23:50 in Kiribati; a device whose clock runs 12 minutes fast is already past midnight.
    expect(latestDateOnEarth(new Date('2026-12-01T09:50:00Z'))).toBe('2026-12-02')
    expect(latestDateOnEarth(new Date('2026-12-01T09:40:00Z'))).toBe('2026-12-01')
    const { record } = accompanimentSchemas({ latestPastDate: () => latestDateOnEarth(now) })
    const base = { id: '01JD0000000000000000000000', structureId: null, authorId: 'device', createdAt: now.toISOString(), updatedAt: now.toISOString(), deletedAt: null, rev: null, kind: 'individuel' }
    expect(record.safeParse({ ...base, ...anAccompaniment({ date: '2026-12-02' }) }).success).toBe(true)
    expect(record.safeParse({ ...base, ...anAccompaniment({ date: '2026-12-03' }) }).success).toBe(false)
  })
})

describe('every error in one pass', () => {
  it('reports the cross-field rules together with the missing fields', () => {
    const { content } = accompanimentSchemas(on('2026-12-01'))
    const paths = errorsOf(content.safeParse({ ...anAccompaniment({ themes: ['aide_aux_demarches_administratives'], adminThemes: [] }), outcome: null, durationMinutes: null })).map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['durationMinutes', 'outcome', 'adminThemes']))
  })

  it('reports a future held date and a breakdown that does not add up with a missing duration', () => {
    const { content } = workshopSchemas(on('2026-12-01'))
    const w = aWorkshop({ date: '2026-12-09', durationMinutes: null, participants: { total: 8, alreadyAccompanied: 9, byGender: { feminin: 3 }, byAge: null, byStatus: null } })
    const paths = errorsOf(content.safeParse({ ...w, title: 42 })).map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['title', 'date', 'durationMinutes', 'participants.alreadyAccompanied', 'participants.byGender']))
  })
})

describe('bounds', () => {
  it('keeps durations within the national report (1 min to 23 h 59) and notes within 4,000 characters, never cut', () => {
    const { content } = accompanimentSchemas(on('2026-12-01'))
    expect(MAX_DURATION_MINUTES).toBe(23 * 60 + 59)
    expect(content.safeParse(anAccompaniment({ durationMinutes: MAX_DURATION_MINUTES })).success).toBe(true)
    expect(errorsOf(content.safeParse(anAccompaniment({ durationMinutes: 24 * 60 })))).toEqual([{ path: 'durationMinutes', messageKey: 'form.errors.duration' }])
    expect(errorsOf(content.safeParse(anAccompaniment({ durationMinutes: 0 })))).toEqual([{ path: 'durationMinutes', messageKey: 'form.errors.duration' }])
    const long = 'a'.repeat(10_590)
    const parsed = content.safeParse(anAccompaniment({ notes: long }))
    expect(errorsOf(parsed)).toEqual([{ path: 'notes', messageKey: 'form.errors.notesTooLong' }])
    expect(content.safeParse(anAccompaniment({ notes: 'a'.repeat(NOTES_MAX) })).success).toBe(true)
  })
})

describe('follow-ups', () => {
  it('keeps records without follow-up fields valid, and stores a reminder, an agreed day and its closing', () => {
    const now = new Date().toISOString()
    const base = { id: '01JD0000000000000000000000', structureId: null, authorId: 'device', createdAt: now, updatedAt: now, deletedAt: null, rev: null, kind: 'individuel' }
    expect(accompanimentRecordSchema.safeParse({ ...base, ...anAccompaniment() }).success).toBe(true)
    const parsed = accompanimentRecordSchema.parse({ ...base, ...anAccompaniment({ followUp: true, followUpNote: 'dossier APL', followUpDate: '2027-01-15', followUpDoneOn: null, followUpOf: null }) })
    expect(parsed).toMatchObject({ followUpNote: 'dossier APL', followUpDate: '2027-01-15' })
    expect(accompanimentRecordSchema.safeParse({ ...base, ...anAccompaniment({ followUp: true, followUpNote: 'x'.repeat(161) }) }).success).toBe(false)
  })
})
