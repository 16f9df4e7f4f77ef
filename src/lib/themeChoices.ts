// What ticking a theme or an equipment does to the other fields of an activity form (the
// national form's rules), and how a scenario's themes split into the form's two lists. Pure.
import { ADMIN_THEMES, EQUIPMENT, PROCEDURE_THEME, THEMES, type AdminTheme, type Equipment, type Theme } from '@/schemas/lists'

/** Fields that hold themes: shared by accompaniments and workshops. */
export interface ThemedValues {
  themes: Theme[]
  adminThemes: AdminTheme[]
  procedureName: string | null
  onBehalf: boolean
}

/** Ticks or unticks a theme; unticking the procedure theme clears what depends on it. */
export function toggleTheme<T extends ThemedValues>(values: T, theme: Theme): T {
  const on = values.themes.includes(theme)
  const themes = on ? values.themes.filter((t) => t !== theme) : THEMES.filter((t) => t === theme || values.themes.includes(t))
  if (theme === PROCEDURE_THEME && on) return { ...values, themes, adminThemes: [], procedureName: null, onBehalf: false }
  return { ...values, themes }
}

export function toggleAdminTheme<T extends ThemedValues>(values: T, theme: AdminTheme): T {
  const on = values.adminThemes.includes(theme)
  return { ...values, adminThemes: on ? values.adminThemes.filter((t) => t !== theme) : ADMIN_THEMES.filter((t) => t === theme || values.adminThemes.includes(t)) }
}

/** « Pas de matériel » excludes the others, and choosing another removes it. */
export function toggleEquipment(current: readonly Equipment[], item: Equipment): Equipment[] {
  if (current.includes(item)) return current.filter((e) => e !== item)
  if (item === 'aucun') return ['aucun']
  return EQUIPMENT.filter((e) => e !== 'aucun' && (e === item || current.includes(e)))
}

/**
 * Scenario themes use one list for both kinds of theme: split them into the log's fields, the
 * administrative ones bringing the procedure theme with them. Unknown ids are dropped.
 */
export function splitScenarioThemes(ids: readonly string[]): { themes: Theme[]; adminThemes: AdminTheme[] } {
  const adminThemes = ADMIN_THEMES.filter((t) => ids.includes(t))
  const themes = THEMES.filter((t) => ids.includes(t) || (t === PROCEDURE_THEME && adminThemes.length > 0))
  return { themes, adminThemes }
}

