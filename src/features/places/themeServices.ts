// Which places can help with a scenario: its national activity-report themes mapped to the
// services of the places directory, in one table. A theme with no matching service (none yet)
// falls back to places that help with procedures and everyday tools.
import type { Theme } from '@/schemas/lists'
import type { PlaceService } from '@/schemas/places'

export const THEME_SERVICES: Record<Theme, readonly PlaceService[]> = {
  diagnostic_numerique: ['outils_quotidien'],
  prendre_en_main_du_materiel: ['outils_quotidien'],
  maintenance_de_materiel: ['outils_quotidien', 'materiel_solidaire'],
  gere_ses_contenus_numeriques: ['outils_quotidien'],
  navigation_sur_internet: ['outils_quotidien', 'acces_internet'],
  email: ['outils_quotidien'],
  bureautique: ['outils_quotidien'],
  reseaux_sociaux: ['comprehension_numerique', 'usage_securise'],
  sante: ['aide_demarches'],
  banque_et_achats_en_ligne: ['usage_securise', 'outils_quotidien'],
  entrepreneuriat: ['insertion_professionnelle'],
  insertion_professionnelle: ['insertion_professionnelle'],
  securite_numerique: ['usage_securise'],
  parentalite: ['parentalite'],
  scolarite_et_numerique: ['parentalite'],
  creer_avec_le_numerique: ['loisirs_creations'],
  culture_numerique: ['comprehension_numerique'],
  intelligence_artificielle: ['comprehension_numerique'],
  aide_aux_demarches_administratives: ['aide_demarches'],
}

/** The services that match any of these themes, most specific first (the theme order of the scenario). */
export function servicesForThemes(themes: readonly string[]): PlaceService[] {
  const out: PlaceService[] = []
  for (const theme of themes) for (const service of THEME_SERVICES[theme as Theme] ?? []) if (!out.includes(service)) out.push(service)
  return out.length > 0 ? out : ['aide_demarches', 'outils_quotidien']
}
