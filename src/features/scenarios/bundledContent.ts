// The content source backed by the build's virtual modules (scripts/vite-plugin-scenarios.ts):
// the catalogue is in this chunk; each scenario, translation and the search index is its own chunk.
import { catalogue, catalogueTranslationLoaders, scenarioLoaders, searchIndexLoaders, translationLoaders } from 'virtual:tandem-scenarios'
import type { ScenarioContentSource } from '@/features/scenarios/content'

export const bundledContent: ScenarioContentSource = {
  async catalogue() {
    return catalogue
  },
  async scenario(id) {
    const load = Object.hasOwn(scenarioLoaders, id) ? scenarioLoaders[id] : undefined
    if (!load) return undefined
    const module = await load()
    return { scenario: module.scenario, media: module.media }
  },
  async translation(id, locale) {
    const load = translationLoaders[locale]?.[id]
    return load ? (await load()).default : {}
  },
  async catalogueTranslation(locale) {
    const load = catalogueTranslationLoaders[locale]
    return load ? (await load()).default : {}
  },
  async searchIndex(locale = 'fr') {
    // A language without translations searches the French texts.
    const load = searchIndexLoaders[locale] ?? searchIndexLoaders.fr
    return load ? (await load()).default : []
  },
}
