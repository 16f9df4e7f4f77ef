// The life of a record's form, shared by the accompaniment and workshop forms: open a draft, a
// saved record or fresh values; keep a draft on every change; on save, validate, show the error
// summary (focused) or save the record and delete the draft in one transaction, then show it.
import { nextTick, ref, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { newId } from '@/lib/ids'
import type { FieldError } from '@/features/sync/record'
import { useDraftsStore } from './store'
import { useDraftAutosave } from './useDraftAutosave'
import type { DraftKind } from './repo'

export type SaveStatus = 'idle' | 'saving' | 'failed'
type SaveResult<R> = { ok: true; record: R } | { ok: false; errors: FieldError[] }

export interface RecordFormOptions<V extends object, R extends { id: string }> {
  kind: DraftKind
  /** Defaults of an empty form (a draft is laid over them, so older drafts gain new fields). */
  newValues: () => Promise<V>
  get: (id: string) => Promise<R | undefined>
  valuesOf: (record: R) => V
  /** Values of a form that is neither a draft nor an edit (prefill, duplicate); default newValues. */
  fresh?: () => Promise<V>
  validate: (values: V) => FieldError[]
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
  /** The error summary, focused when a save is refused. */
  const summary = ref<{ focus: () => void } | null>(null)

  const autosave = useDraftAutosave({
    kind: options.kind,
    draftId,
    recordId,
    values,
    onFirstWrite: (id) => void router.replace({ query: { ...route.query, draft: id } }),
  })

  const query = (key: string) => (typeof route.query[key] === 'string' ? (route.query[key] as string) : null)

  async function initialValues(): Promise<V | null> {
    const resume = query('draft')
    if (resume) {
      const draft = await drafts.read(resume)
      if (draft && draft.kind === options.kind) {
        draftId.value = draft.id
        recordId.value = draft.recordId
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

  async function submit(): Promise<void> {
    const content = values.value
    if (!content) return
    errors.value = options.validate(content)
    if (errors.value.length > 0) {
      await nextTick()
      summary.value?.focus()
      return
    }
    saveStatus.value = 'saving'
    await autosave.stop()
    try {
      const result = await options.save(content, { id: recordId.value, draftId: draftId.value })
      if (!result.ok) {
        errors.value = result.errors
        saveStatus.value = 'idle'
        autosave.start()
        return
      }
      await router.push({ name: options.detailRoute, params: { id: result.record.id }, query: { saved: '1' } })
    } catch {
      saveStatus.value = 'failed'
      autosave.start()
    }
  }

  return { values, recordId, errors, saveStatus, missing, summary, autosave, query, load, submit }
}
