// The places benchmark page: the app's real import (papaparse, opening_hours, normalisation,
// one Dexie transaction) and search (indexes, filters, distances) over the real database,
// driven from tests/bench/places.bench.ts through window.bench.
import { db } from '@/db/database'
import { importPlacesText } from '@/features/places/importFile'
import { runSearch } from '@/features/places/store'
import { allCentres } from '@/features/places/repo'
import { centreKey, NO_FILTERS } from '@/lib/places/search'

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await run()
  return { ms: performance.now() - t0, value }
}

async function usage(): Promise<number> {
  const estimate = await navigator.storage.estimate()
  return estimate.usage ?? 0
}

const bench = {
  usage,
  /** Imports a file as Settings does; answers the time and what the report says. */
  async importFile(text: string) {
    const { ms, value } = await time(() => importPlacesText(text, 'bench.csv'))
    if (!value.ok) throw new Error(value.reason)
    return { ms, kept: value.report.kept, rejected: value.report.rejected.length, added: value.result.added, unchanged: value.result.unchanged, stored: await db().table('places').count() }
  },
  /** The commune centres, read once per visit by the directory screen. */
  async centres() {
    return (await time(() => allCentres())).ms
  },
  /** A search by postcode with two filters (a service and « ouvert maintenant »), as the screen runs it. */
  async search(postcode: string) {
    const centres = new Map((await allCentres()).map((c) => [centreKey(c.postcode, c.communeKey), c]))
    const filters = { ...NO_FILTERS, services: ['acces_internet' as const], openNow: true }
    const { ms, value } = await time(() => runSearch(postcode, filters, null, centres, new Date(2026, 10, 30, 10, 0)))
    return { ms, found: value.results.length }
  },
}

declare global {
  interface Window {
    placesBench: typeof bench
  }
}
window.placesBench = bench
await navigator.storage.persist?.()
document.getElementById('status')!.textContent = 'ready'
