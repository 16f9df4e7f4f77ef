// Drafts of every form, listed live so a person can resume one.
import { defineStore } from 'pinia'
import { useLiveQuery } from '@/features/sessions/useLiveQuery'
import { deleteDraft, listDrafts, newDraftId, readDraft, writeDraft, type Draft } from './repo'

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
