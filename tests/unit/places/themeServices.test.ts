// Scenario themes → place services: every national theme has its services, and a scenario's
// themes give the services of the places the player suggests.
import { expect, it } from 'vitest'
import { THEMES } from '@/schemas/lists'
import { PLACE_SERVICES } from '@/schemas/places'
import { servicesForThemes, THEME_SERVICES } from '@/features/places/themeServices'

it('maps every national theme to at least one service of the directory', () => {
  for (const theme of THEMES) {
    expect(THEME_SERVICES[theme].length).toBeGreaterThan(0)
    for (const service of THEME_SERVICES[theme]) expect(PLACE_SERVICES).toContain(service)
  }
})

it('gives the services of a scenario’s themes in order, without repeats, and a fallback for none', () => {
  expect(servicesForThemes(['aide_aux_demarches_administratives', 'sante'])).toEqual(['aide_demarches'])
  expect(servicesForThemes(['email', 'securite_numerique'])).toEqual(['outils_quotidien', 'usage_securise'])
  expect(servicesForThemes([])).toEqual(['aide_demarches', 'outils_quotidien'])
})
