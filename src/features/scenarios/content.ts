// Where the app reads scenario content from. By default: the chunks the build made from
// content/ (bundledContent.ts, loaded on first use so no content code sits on the home route).
// Tests swap in their own source with useContentSource().
import type { CatalogueEntry, Scenario } from '@/features/scenarios/format'
import type { SearchDocument } from '@/features/scenarios/search'

export interface ScenarioBundle {
  scenario: Scenario
  /** URL of each illustration, by file name. */
  media: Record<string, string>
}

/** Translated catalogue texts of one locale, by scenario id. */
export type CatalogueTranslation = Record<string, { title?: string; summary?: string }>

export interface ScenarioContentSource {
  catalogue(): Promise<CatalogueEntry[]>
  /** Undefined when no scenario has that id. */
  scenario(id: string): Promise<ScenarioBundle | undefined>
  /** Fresh translated strings of a scenario (stale ones were dropped at build time). */
  translation(id: string, locale: string): Promise<Record<string, string>>
  catalogueTranslation(locale: string): Promise<CatalogueTranslation>
  /** The search index of an interface language (French texts plus that language's). */
  searchIndex(locale?: string): Promise<SearchDocument[]>
}

let source: ScenarioContentSource | undefined

/** Replaces the content source (tests). */
export function useContentSource(next: ScenarioContentSource | undefined): void {
  source = next
}

export async function contentSource(): Promise<ScenarioContentSource> {
  source ??= (await import('@/features/scenarios/bundledContent')).bundledContent
  return source
}
