import { describe, expect, it } from 'vitest'
import { flushUnsavedInput, hasUnsavedInput, registerUnsavedInput } from '@/lib/unsaved'

describe('unsaved input registry', () => {
  it('reports unsaved input until every source has flushed', async () => {
    let pending = true
    const unregister = registerUnsavedInput({ hasUnsaved: () => pending, flush: async () => { pending = false } })
    expect(hasUnsavedInput()).toBe(true)
    await flushUnsavedInput()
    expect(hasUnsavedInput()).toBe(false)
    unregister()
  })

  it('rejects when a flush fails, so the update does not reload over lost input', async () => {
    const unregister = registerUnsavedInput({ hasUnsaved: () => true, flush: () => Promise.reject(new Error('QuotaExceededError')) })
    await expect(flushUnsavedInput()).rejects.toThrow('QuotaExceededError')
    unregister()
    expect(hasUnsavedInput()).toBe(false)
  })
})
