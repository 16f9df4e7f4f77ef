// The workshop form's values: a plan (programme of scenarios) that becomes a log once held.
import { today } from '@/lib/dates'
import type { ActivitySettings } from '@/schemas/activitySettings'
import type { Participants, Workshop, WorkshopContent } from '@/schemas/workshop'

export type WorkshopFormValues = Omit<WorkshopContent, 'participants'> & { participants: Participants }

export function emptyParticipants(): Participants {
  return { total: 0, alreadyAccompanied: 0, byGender: null, byAge: null, byStatus: null }
}

export function emptyWorkshopValues(settings: ActivitySettings, date: string = today()): WorkshopFormValues {
  return {
    status: 'planned',
    title: null,
    level: null,
    date,
    startTime: null,
    programme: [],
    durationMinutes: null,
    placeType: settings.placeType,
    placeName: settings.placeName,
    placeCommune: settings.placeCommune,
    placePostcode: settings.placePostcode,
    equipment: [],
    themes: [],
    adminThemes: [],
    procedureName: null,
    onBehalf: false,
    participants: emptyParticipants(),
    facilitators: [],
    notes: '',
  }
}

export function valuesFromWorkshop(w: Workshop): WorkshopFormValues {
  const { id: _id, structureId: _s, authorId: _a, createdAt: _c, updatedAt: _u, deletedAt: _d, rev: _r, kind: _k, ...content } = w
  return structuredClone({ ...content, participants: content.participants ?? emptyParticipants() })
}

/** What is saved: a plan carries no participant counts yet. */
export function toContent(values: WorkshopFormValues): WorkshopContent {
  return { ...values, participants: values.status === 'planned' ? null : values.participants }
}

/** Moves a scenario within the programme (by -1 or +1); out-of-range moves change nothing. */
export function moveInProgramme(programme: readonly string[], index: number, delta: -1 | 1): string[] {
  const target = index + delta
  if (index < 0 || index >= programme.length || target < 0 || target >= programme.length) return [...programme]
  const next = [...programme]
  const [item] = next.splice(index, 1)
  next.splice(target, 0, item as string)
  return next
}
