// Drafts of every form, listed live so a person can resume one.
import { defineStore } from 'pinia'
import { useLiveQuery } from '@/db/useLiveQuery'
import { deleteDraft, listDrafts, newDraftId, readDraft, writeDraft, type Draft } from '@/features/journal/drafts'

export const useDraftsStore = defineStore('drafts', () => {
  const { data: drafts, ready } = useLiveQuery<Draft[]>(listDrafts, [])
  return {
    drafts,
    ready,
    newId: newDraftId,
    read: readDraft,
    write: writeDraft,
    remove: deleteDraft,
  }
})
