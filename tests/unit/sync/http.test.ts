import { describe, expect, it } from 'vitest'
import { apiFetch, onReachabilityChange, probeServer } from '@/features/sync/http'

function recorder() {
  const seen: boolean[] = []
  const stop = onReachabilityChange((reachable) => seen.push(reachable))
  return { seen, stop }
}

describe('HTTP client reachability', () => {
  it('reports reachable on any server answer, even an error status', async () => {
    const { seen, stop } = recorder()
    await apiFetch('/api/x', {}, async () => new Response('{}', { status: 404 }))
    expect(seen).toEqual([true])
    stop()
  })

  it('reports unreachable on a network error and rethrows it', async () => {
    const { seen, stop } = recorder()
    await expect(apiFetch('/api/x', {}, async () => { throw new TypeError('Failed to fetch') })).rejects.toThrow('Failed to fetch')
    expect(seen).toEqual([false])
    stop()
  })

  it('treats a gateway error as unreachable', async () => {
    const { seen, stop } = recorder()
    await apiFetch('/api/x', {}, async () => new Response('', { status: 504 }))
    expect(seen).toEqual([false])
    stop()
  })

  it('probes the health endpoint without throwing', async () => {
    const urls: string[] = []
    const ok = await probeServer(async (url) => { urls.push(String(url)); return new Response('{"status":"ok"}') })
    expect(ok).toBe(true)
    expect(urls).toEqual(['/api/health'])
    await expect(probeServer(async () => { throw new TypeError('offline') })).resolves.toBe(false)
  })
})
