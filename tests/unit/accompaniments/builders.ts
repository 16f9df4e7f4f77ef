// Small builders of valid form content, and saving helpers; tests override only what they check.
import type { Accompaniment, AccompanimentContent } from '@/schemas/accompaniment'
import type { Workshop, WorkshopContent } from '@/schemas/workshop'
import type { SaveOptions } from '@/features/sync/records'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { workshopsRepo } from '@/features/workshops/repo'

export function anAccompaniment(overrides: Partial<AccompanimentContent> = {}): AccompanimentContent {
  return {
    date: '2026-03-12',
    startTime: '10:30',
    durationMinutes: 30,
    placeType: 'lieu_activite',
    placeName: 'France Services de Rochefort',
    placeCommune: 'Rochefort',
    placePostcode: '17300',
    equipment: ['tablette'],
    themes: ['email'],
    adminThemes: [],
    procedureName: null,
    onBehalf: false,
    scenarioIds: [],
    profile: { ageBracket: null, status: null, gender: null, residenceCommune: null, residencePostcode: null, alreadyAccompanied: null },
    autonomy: 'partiellement_autonome',
    outcome: 'resolu',
    referral: { oriented: false, structureType: null, placeId: null },
    followUp: false,
    notes: '',
    ...overrides,
  }
}

export function aWorkshop(overrides: Partial<WorkshopContent> = {}): WorkshopContent {
  return {
    status: 'held',
    title: 'Premiers pas sur la tablette',
    level: 'debutant',
    date: '2026-03-14',
    startTime: '14:00',
    programme: ['allumer-tablette'],
    durationMinutes: 90,
    placeType: 'lieu_activite',
    placeName: 'Médiathèque',
    placeCommune: 'Saintes',
    placePostcode: '17100',
    equipment: ['tablette'],
    themes: ['prendre_en_main_du_materiel'],
    adminThemes: [],
    procedureName: null,
    onBehalf: false,
    participants: { total: 8, alreadyAccompanied: 2, byGender: null, byAge: null, byStatus: null },
    facilitators: ['Camille'],
    notes: '',
    ...overrides,
  }
}

/** Saves through the real repository and returns the record; fails the test when nothing was saved. */
export async function saveAccompaniment(content: object, options: SaveOptions = {}): Promise<Accompaniment> {
  const result = await accompanimentsRepo.save(content, options)
  if (!result.ok) throw new Error(`accompaniment not saved: ${JSON.stringify(result)}`)
  return result.record
}

export async function saveWorkshopRecord(content: object, options: SaveOptions = {}): Promise<Workshop> {
  const result = await workshopsRepo.save(content, options)
  if (!result.ok) throw new Error(`workshop not saved: ${JSON.stringify(result)}`)
  return result.record
}
