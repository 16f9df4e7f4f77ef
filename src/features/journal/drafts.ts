// Drafts: what a form holds before it is saved, written on every change so that closing the
// tab, a crash or an app update never loses it. Local only: drafts never sync.
import { db } from '@/db/database'
import { newId } from '@/lib/ids'
import { draftSchema, type Draft } from '@/schemas/draft'

export type { Draft }

const drafts = () => db().table<Draft, string>('drafts')

export function newDraftId(): string {
  return newId()
}

/** Creates or replaces a draft; keeps its creation time. */
export async function writeDraft(draft: Omit<Draft, 'createdAt' | 'updatedAt'>): Promise<Draft> {
  const table = drafts()
  return db().transaction('rw', table, async () => {
    const now = new Date().toISOString()
    const existing = await table.get(draft.id)
    const row: Draft = { ...draft, values: JSON.parse(JSON.stringify(draft.values)) as Record<string, unknown>, createdAt: existing?.createdAt ?? now, updatedAt: now }
    await table.put(row)
    return row
  })
}

export async function readDraft(id: string): Promise<Draft | undefined> {
  const row = await drafts().get(id)
  const parsed = draftSchema.safeParse(row)
  return parsed.success ? parsed.data : undefined
}

/** Every draft, most recently edited first; rows that no longer parse are skipped. */
export async function listDrafts(): Promise<Draft[]> {
  const rows = await drafts().orderBy('updatedAt').reverse().toArray()
  return rows.flatMap((row) => {
    const parsed = draftSchema.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
}

export async function deleteDraft(id: string): Promise<void> {
  await drafts().delete(id)
}

/** Drafts last edited before `cutoffIso` (retention). */
export async function purgeDraftsBefore(cutoffIso: string): Promise<number> {
  return drafts().where('updatedAt').below(cutoffIso).delete()
}

export async function countDraftsBefore(cutoffIso: string): Promise<number> {
  return drafts().where('updatedAt').below(cutoffIso).count()
}
