// The life of a record's form, shared by the accompaniment and workshop forms: open a draft, a
// saved record or fresh values; keep a draft on every change; on save, let the repository
// validate and save (the record and the draft's removal in one transaction), then show it.
//
// Nothing typed is lost: when a save is refused or fails, the form's current values are
// written to its draft first (a change made just before « Enregistrer » included), and the
// draft keeps following the form.
import { nextTick, onBeforeUnmount, ref, type Ref } from 'vue'
import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router'
import { newId } from '@/lib/ids'
import type { FieldError } from '@/lib/formErrors'
import type { SaveResult } from '@/features/sync/records'
import type { DraftKind } from '@/schemas/draft'
import { useDraftsStore } from './draftsStore'
import { useDraftAutosave } from './useDraftAutosave'
import type { SaveStatus } from '@/ui/formStatus'


export interface RecordFormOptions<V extends object, R extends { id: string }> {
  kind: DraftKind
  /** Defaults of an empty form (a draft is laid over them, so older drafts gain new fields). */
  newValues: () => Promise<V>
  get: (id: string) => Promise<R | undefined>
  valuesOf: (record: R) => V
  /** Values of a form that is neither a draft nor an edit (prefill, duplicate); default newValues. */
  fresh?: () => Promise<V>
  save: (values: V, options: { id: string | null; draftId: string }) => Promise<SaveResult<R>>
  /** Route name of the saved record's detail, shown after saving. */
  detailRoute: string
}

export function useRecordForm<V extends object, R extends { id: string }>(options: RecordFormOptions<V, R>) {
  const route = useRoute()
  const router = useRouter()
  const drafts = useDraftsStore()

  const values = ref(null) as Ref<V | null>
  const recordId = ref<string | null>(null)
  const draftId = ref(newId())
  const errors = ref<FieldError[]>([])
  const saveStatus = ref<SaveStatus>('idle')
  const missing = ref(false)
  /** The record this draft edited was deleted meanwhile: it can only be saved as a new one. */
  const recordGone = ref(false)
  /** The error summary, focused when a save is refused. */
  const summary = ref<{ focus: () => void } | null>(null)

  /** The form's own path; the draft's id only ever goes into that address. */
  const formPath = route.path
  let left = false
  onBeforeRouteLeave(() => {
    left = true
  })
  onBeforeUnmount(() => {
    left = true
  })

  const autosave = useDraftAutosave({
    kind: options.kind,
    draftId,
    recordId,
    values,
    // The draft's id goes into the form's own address, so a reload resumes it. The first write
    // may land after the person has left (the flush on leaving): the next page never gets it.
    onFirstWrite: (id) => {
      const current = router.currentRoute.value
      if (left || current.path !== formPath) return
      void router.replace({ query: { ...current.query, draft: id } })
    },
  })

  const query = (key: string) => (typeof route.query[key] === 'string' ? (route.query[key] as string) : null)

  async function initialValues(): Promise<V | null> {
    const resume = query('draft')
    if (resume) {
      const draft = await drafts.read(resume)
      if (draft && draft.kind === options.kind) {
        draftId.value = draft.id
        recordId.value = draft.recordId
        if (draft.recordId && !(await options.get(draft.recordId))) recordGone.value = true
        return { ...(await options.newValues()), ...(draft.values as Partial<V>) }
      }
    }
    const editId = typeof route.params.id === 'string' ? route.params.id : null
    if (editId) {
      const record = await options.get(editId)
      if (!record) return null
      recordId.value = record.id
      return options.valuesOf(record)
    }
    return (options.fresh ?? options.newValues)()
  }

  /** Fills the form (after `prepare`, for view-specific adjustments), then starts the draft. */
  async function load(prepare: (initial: V) => V = (initial) => initial): Promise<void> {
    const initial = await initialValues()
    if (!initial) {
      missing.value = true
      return
    }
    values.value = prepare(initial)
    await nextTick()
    autosave.start({ alreadyWritten: query('draft') === draftId.value })
  }

  /** Keeps what the form holds in its draft after a save that wrote nothing. */
  async function keepInDraft(): Promise<void> {
    autosave.start()
    await autosave.saveNow().catch(() => undefined)
  }

  async function submit(): Promise<void> {
    const content = values.value
    if (!content) return
    saveStatus.value = 'saving'
    await autosave.stop()
    let result: SaveResult<R>
    try {
      result = await options.save(content, { id: recordId.value, draftId: draftId.value })
    } catch {
      saveStatus.value = 'failed'
      await keepInDraft()
      return
    }
    if (result.ok) {
      errors.value = []
      await router.push({ name: options.detailRoute, params: { id: result.record.id }, query: { saved: '1' } })
      return
    }
    await keepInDraft()
    if (result.reason === 'invalid') {
      errors.value = result.errors
      saveStatus.value = 'idle'
      await nextTick()
      summary.value?.focus()
    } else if (result.reason === 'missing') {
      recordGone.value = true
      saveStatus.value = 'idle'
    } else {
      saveStatus.value = 'storage-full'
    }
  }

  /** Saves a draft whose record was deleted meanwhile as a new record. */
  async function saveAsNew(): Promise<void> {
    recordId.value = null
    recordGone.value = false
    await submit()
  }

  return { values, recordId, draftId, errors, saveStatus, missing, recordGone, summary, autosave, query, load, submit, saveAsNew }
}
