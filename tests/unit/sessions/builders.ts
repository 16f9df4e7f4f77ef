// Small builders of valid form content; tests override only what they check.
import type { SessionContent } from '@/features/sessions/schema'
import type { WorkshopContent } from '@/features/workshops/schema'

export function aSession(overrides: Partial<SessionContent> = {}): SessionContent {
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
