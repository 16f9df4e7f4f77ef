// How the main navigation fits a phone: up to four destinations in the bottom bar as they are;
// more than that, the first three after « Accueil » (the app's name in the header already leads
// home) and « Plus » with the rest, in their order. Pure, so the split is tested on its own.

export interface NavLink {
  name: string
  label: string
  short: string
}

/** Bottom-bar slots on a 360 px phone: four keep each one at least 88 px wide. */
export const BAR_SLOTS = 4

export function splitNavigation<T extends { name: string }>(links: readonly T[]): { main: T[]; more: T[] } {
  if (links.length <= BAR_SLOTS) return { main: [...links], more: [] }
  const main = links.filter((l) => l.name !== 'home').slice(0, BAR_SLOTS - 1)
  return { main, more: links.filter((l) => !main.includes(l)) }
}

/** A 24 × 24 outline icon per destination (drawn beside the label, never instead of it). */
const ICONS: Record<string, string> = {
  home: 'M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10',
  scenarios: 'M4 5h7a2 2 0 0 1 2 2v13a2 2 0 0 0-2-2H4zM20 5h-5a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h5z',
  'accompaniment-new': 'M12 5v14M5 12h14',
  workshops: 'M3 5h18v11H3zM8 20h8M12 16v4',
  places: 'M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21zM12 7.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  journal: 'M6 3h11a1 1 0 0 1 1 1v17H7a2 2 0 0 1-2-2V4a1 1 0 0 1 1-1zM9 8h6M9 12h6',
  stats: 'M5 20V10M12 20V4M19 20v-7',
  settings: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1',
}

export function navIcon(name: string): string {
  return ICONS[name] ?? 'M8 12h8'
}
