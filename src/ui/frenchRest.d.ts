// The French messages the home route does not need, cut from locales/fr.json by the production
// build (scripts/vite-plugin-french-split.ts; loaded by loadAllFrench in ./i18n.ts).
declare module '*/fr.json?rest' {
  const messages: Record<string, unknown>
  export default messages
}
