// The content source backed by the build's virtual modules (scripts/vite-plugin-scenarios.ts):
// the catalogue is in this chunk; each scenario, translation and the search index is its own chunk.
import { catalogue, catalogueTranslationLoaders, loadSearchIndex, scenarioLoaders, translationLoaders } from 'virtual:tandem-scenarios'
import type { ScenarioContentSource } from './content'

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
  async searchIndex() {
    return (await loadSearchIndex()).default
  },
}
