// The states a form's save and its draft go through, as the save status component shows them.

/** `failed`: storage refused the write for another reason; `storage-full`: no room left. */
export type SaveStatus = 'idle' | 'saving' | 'failed' | 'storage-full'

/** `storage-full`: the browser has no room left for the draft (the form still holds it). */
export type DraftStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'storage-full'
