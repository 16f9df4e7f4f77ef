// Which French messages ship in the first chunk. The production build cuts locales/fr.json in two
// (scripts/vite-plugin-french-split.ts): the groups below, which the shell (header, update banner,
// connectivity, language switch) and the home screen use, plus every group's `nav` entry (the
// header's links), stay with the home route; everything else is a lazy chunk that any other screen
// waits for before it shows (src/ui/i18n.ts). The source file stays one file.
// Pure data and functions: imported by the build (vite.config.ts) and by the app.

export const SHELL_MESSAGE_GROUPS: readonly string[] = ['app', 'nav', 'connectivity', 'update', 'home', 'languages']

/** The entry of a feature group that the header's navigation reads (`scenarios.nav`, `journal.nav.list`…). */
const NAV_ENTRY = 'nav'

type Messages = Record<string, unknown>

const isGroup = (value: unknown): value is Messages => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The messages the home route needs, and all the others; merging the two gives the messages back. */
export function splitShellMessages(messages: Messages): { shell: Messages; rest: Messages } {
  const shell: Messages = {}
  const rest: Messages = {}
  for (const [group, value] of Object.entries(messages)) {
    if (SHELL_MESSAGE_GROUPS.includes(group) || !isGroup(value)) {
      shell[group] = value
      continue
    }
    const { [NAV_ENTRY]: nav, ...others } = value
    if (nav !== undefined) shell[group] = { [NAV_ENTRY]: nav }
    if (Object.keys(others).length > 0) rest[group] = others
  }
  return { shell, rest }
}

/**
 * True when these messages are the shell's part only (the production build's first chunk), false
 * when they are whole (tests, development), so the rest needs loading only in the first case.
 */
export function holdsShellOnly(messages: Messages): boolean {
  return Object.keys(splitShellMessages(messages).rest).length === 0
}
