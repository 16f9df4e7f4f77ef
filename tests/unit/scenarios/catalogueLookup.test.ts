// What the projector gets from the catalogue: the main path of a scenario, its pictures,
// checkpoint questions and the facilitator's notes apart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scenarioNotes, scenarioSteps } from '@/features/scenarios/catalogueLookup'
import { useContentSource } from '@/features/scenarios/content'
import { fixtureContent, SCENARIO_ID } from '../../component/scenarios/support'

beforeEach(() => useContentSource(fixtureContent()))
afterEach(() => useContentSource(undefined))

describe('scenario steps for the projector', () => {
  it('returns the main path only, with pictures and checkpoint questions, and no agent note', async () => {
    const slides = await scenarioSteps(SCENARIO_ID)
    expect(slides?.steps.map((s) => s.id)).toEqual(['allumer', 'trouver-application', 'ouvrir', 'lire', 'bravo'])
    expect(slides?.mainPathLength).toBe(5)
    expect(slides?.steps[0]?.illustration).toEqual({ url: '/assets/telephone-bouton.svg', alt: 'Un téléphone vu de côté, le bouton marche/arrêt entouré.' })
    expect(slides?.steps[1]?.checkpoint).toEqual({ question: 'Voyez-vous l’application de messagerie ?', choices: ['Oui, je la vois', 'Non, je ne la trouve pas'] })
    expect(slides?.steps[3]?.checkpoint).toBeNull()
    expect(JSON.stringify(slides)).not.toContain('Laissez la personne chercher')
    expect(await scenarioNotes(SCENARIO_ID)).toEqual({ allumer: { text: 'Laissez la personne chercher le bouton elle-même avant de le montrer.', lang: 'fr' } })
  })

  it('shows a wholly translated step in the interface language and any other step in French, whole', async () => {
    const french = await scenarioSteps(SCENARIO_ID)
    const english = await scenarioSteps(SCENARIO_ID, 'en')
    const translatedIds = english?.steps.filter((s) => s.lang === 'en').map((s) => s.id) ?? []
    expect(translatedIds.length).toBeGreaterThan(0)
    for (const [i, step] of (english?.steps ?? []).entries()) {
      const original = french?.steps[i]
      if (step.lang === 'en') expect(step.title).not.toBe(original?.title)
      else expect(step).toEqual({ ...original, lang: 'fr' })
    }
  })

  it('returns nothing for a scenario that does not exist', async () => {
    expect(await scenarioSteps('nulle-part')).toBeNull()
    expect(await scenarioNotes('nulle-part')).toEqual({})
  })
})
