// The catalogue's public surface for other features (the accompaniment log prefills its themes
// from the scenarios used). Cheap: reads only the small catalogue chunk.
import { contentSource } from '@/features/scenarios/content'
import type { CatalogueEntry } from '@/features/scenarios/format'
import type { ScenarioTheme } from '@/features/scenarios/taxonomy'

/** National themes of the given scenarios, without duplicates, in the order they first appear. */
export async function scenarioThemes(ids: string[]): Promise<ScenarioTheme[]> {
  const catalogue = await (await contentSource()).catalogue()
  const byId = new Map(catalogue.map((entry) => [entry.id, entry]))
  return [...new Set(ids.flatMap((id) => byId.get(id)?.themes ?? []))]
}

/** Catalogue entries of the given ids (unknown ids skipped), for labels in other features. */
export async function scenarioEntries(ids: string[]): Promise<CatalogueEntry[]> {
  const catalogue = await (await contentSource()).catalogue()
  return ids.flatMap((id) => catalogue.find((entry) => entry.id === id) ?? [])
}
