// A seeded generator of plausible logs, for statistics tests and the benchmark.
import {
  ADMIN_THEMES, AGE_BRACKETS, AUTONOMY_LEVELS, EQUIPMENT, GENDERS, OUTCOMES, PLACE_TYPES, REFERRAL_TYPES, SOCIAL_STATUSES, THEMES,
} from '@/schemas/lists'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'
import { addDays } from '@/lib/dates'

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function generator(seed: number) {
  const rnd = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const maybe = <T>(value: T): T | null => (rnd() < 0.3 ? null : value)
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(list)))]
  const id = () => Array.from({ length: 26 }, (_, i) => (i === 0 ? '0' : pick(CROCKFORD.split('')))).join('')
  const stamp = '2026-01-01T09:00:00.000Z'

  function session(startDate: string, days: number): Accompaniment {
    const themes = some(THEMES, 3)
    const procedure = themes.includes('aide_aux_demarches_administratives')
    const oriented = rnd() < 0.2 ? null : rnd() < 0.3
    return {
      id: id(), structureId: null, authorId: 'device', createdAt: stamp, updatedAt: stamp, deletedAt: rnd() < 0.02 ? stamp : null, rev: null,
      kind: 'individuel',
      date: addDays(startDate, Math.floor(rnd() * days)),
      startTime: '10:00',
      durationMinutes: pick([15, 30, 45, 60, 90, 120, 25]),
      placeType: pick(PLACE_TYPES), placeName: null, placeCommune: 'Rochefort', placePostcode: '17300',
      equipment: [pick(EQUIPMENT.filter((e) => e !== 'aucun'))],
      themes,
      adminThemes: procedure ? some(ADMIN_THEMES, 2) : [],
      procedureName: null, onBehalf: procedure && rnd() < 0.5,
      scenarioIds: [],
      profile: { ageBracket: maybe(pick(AGE_BRACKETS)), status: maybe(pick(SOCIAL_STATUSES)), gender: maybe(pick(GENDERS)), residenceCommune: null, residencePostcode: null, alreadyAccompanied: maybe(rnd() < 0.5) },
      autonomy: maybe(pick(AUTONOMY_LEVELS)),
      outcome: pick(OUTCOMES),
      referral: { oriented, structureType: oriented ? maybe(pick(REFERRAL_TYPES)) : null, placeId: null },
      followUp: rnd() < 0.2,
      notes: 'Aide pour créer une adresse électronique',
    }
  }

  function workshop(startDate: string, days: number): Workshop {
    const total = 1 + Math.floor(rnd() * 12)
    const female = Math.floor(rnd() * (total + 1))
    const young = Math.floor(rnd() * (total + 1))
    return {
      id: id(), structureId: null, authorId: 'device', createdAt: stamp, updatedAt: stamp, deletedAt: rnd() < 0.02 ? stamp : null, rev: null,
      kind: 'collectif', status: rnd() < 0.1 ? 'planned' : 'held',
      title: 'Atelier', level: maybe(pick(['debutant', 'intermediaire', 'avance'] as const)),
      date: addDays(startDate, Math.floor(rnd() * days)), startTime: null, programme: [],
      durationMinutes: pick([60, 90, 120]),
      placeType: 'lieu_activite', placeName: null, placeCommune: null, placePostcode: null,
      equipment: ['tablette'], themes: some(THEMES.filter((t) => t !== 'aide_aux_demarches_administratives'), 2), adminThemes: [], procedureName: null, onBehalf: false,
      participants: { total, alreadyAccompanied: 0, byGender: { feminin: female, masculin: total - female }, byAge: rnd() < 0.5 ? null : { soixante_dix_plus: young }, byStatus: null },
      facilitators: [], notes: '',
    }
  }

  return { session, workshop, rnd }
}
