// The scenario format: one YAML file per scenario, `content/scenarios/<id>.yaml`, French source text.
// This zod schema is the single definition shared by the build (scripts/vite-plugin-scenarios.ts),
// the checker (`npm run content:check`) and the app (types only: `import type`, so zod never
// reaches the browser). docs/content-format.md explains the workflow with a full example;
// tests/unit/scenarios/fixtures/valid/scenarios/exemple-parcours.yaml is a small working sample.
//
// Scenario fields (all required unless marked optional):
//   id            lowercase words joined by hyphens (`envoyer-un-mail`); must equal the file name.
//   version       integer ≥ 1. Raise it when steps change in a way that makes saved progress
//                 meaningless (renamed or removed step ids); people mid-way then restart gracefully.
//   title         short title, shown on the card and as the main heading (≤ 90 characters).
//   summary       one line (no line break, ≤ 200 characters): what the person will be able to do.
//   keywords      optional list of other words people type to find it: synonyms, brand names,
//                 spelling variants (`mel`, `courriel`, `mail`, `gmail`). Search ignores accents and case.
//   audiences     non-empty subset of `agent` (led by a mediator), `self` (followed alone: the only
//                 ones shown in citizen mode), `workshop` (run with a group).
//   minutes       typical duration in minutes (integer, 1–240).
//   level         `first-steps` | `intermediate` | `confident`.
//   themes        national activity-report theme ids (docs/national-lists.md),
//                 e.g. `email`, `securite_numerique`; an administrative theme (`argent_impots`…)
//                 requires `aide_aux_demarches_administratives` in the same list, and the reverse.
//   mainThemes    1–2 ids, a subset of themes: what the activity log pre-ticks. An administrative
//                 scenario lists aide_aux_demarches_administratives and its main administrative theme.
//   civicTopics   optional CESE civic topics: petition | consultation | hateful-content |
//                 checking-information | pseudonym | data-rights.
//   digcomp       DigComp 2.2 codes as strings, e.g. "2.1" (quote them: YAML reads 2.1 as a number,
//                 which is accepted and converted, but "2.10" would not survive).
//   devices       non-empty subset of `android`, `ios`, `computer`, `any`.
//   prerequisites optional list of short strings (« Avoir son téléphone chargé »).
//   sources       non-empty list of { title, url (https://…), checkedOn (YYYY-MM-DD) }: the official
//                 pages the steps follow, and when someone last checked them. Every url (and every
//                 link or phone number in any text) must be in the vetted list, content/sources/*.yaml
//                 (VettedListSchema below); checkedOn ≤ the vetted entry's; at least one source
//                 seen as a page.
//   reviewedOn    YYYY-MM-DD: when the whole scenario was last proofread.
//   steps         non-empty list of steps, played in order unless a step says otherwise.
//
// Step fields:
//   id            lowercase words joined by hyphens, unique in the scenario; it appears in URLs
//                 and in saved progress, so avoid renaming it once published.
//   title         the step heading, an instruction (« Ouvrez votre messagerie »).
//   body          short paragraphs separated by a blank line. Markdown subset only: **bold**,
//                 lists (lines starting with `- ` or `1. `) and [links](https://…). No raw HTML,
//                 no images, no headings: anything else is shown as plain text.
//   illustration  optional file name of an SVG in content/media/ (`ecran-accueil-gmail.svg`);
//                 illustrationAlt is then required: what the picture shows, for screen readers
//                 (write "" only when the picture is purely decorative).
//   tip           optional: a helpful hint (same Markdown subset).
//   warning       optional: a risk to avoid (scams, data loss…).
//   agentNote     optional: for the mediator only; never shown in citizen mode.
//   easyRead      required, end steps included: the same step rewritten to the easy-read rules
//                 (docs/content-format.md, "Easy-read"), shorter than the body, sentences of at most 12
//                 words. Shown as « Version simplifiée », never « FALC ».
//   checkpoint    optional: { question, easyRead, choices: [{ label, easyRead, next: stepId }, …] }
//                 with 2 to 6 choices (easyRead of the question and of each choice required);
//                 the person's answer decides the next step. A step with a checkpoint has no `next`.
//   next          optional: id of the step that follows (default: the next one in the list).
//   outcome       only on end steps: `done` (it worked), `needs-help` (the person needs a human),
//                 `refer` (send the person to another structure; say which in the body).
//                 An end step has neither `next` nor `checkpoint`. The last step of the list
//                 must be an end step or say where to go.
//
// Rules enforced by the checker (src/features/scenarios/check.ts, listed in docs/content-format.md):
// the step graph (every `next` leads to an existing step, every step is reachable, no loop without a
// way out), a `done` and a help ending, vetted sources, links and numbers, dates, one phone screen
// per step (120 words, 160 at most), easy-read, distinct choices, illustration size.
//
// Translations live apart, in locales/<lang>/scenarios/<id>.json (TranslationFileSchema below).
import { z } from 'zod'
import { AUDIENCES, CIVIC_TOPICS, DEVICES, DIGCOMP_CODES, SCENARIO_LEVELS, SCENARIO_OUTCOMES, SOURCE_SEEN, SCENARIO_THEMES } from './taxonomy.ts'

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const slug = z.string().regex(SLUG_PATTERN, 'lowercase letters, digits and single hyphens only')
const text = z.string().trim().min(1, 'must not be empty')
const isoDate = z.iso.date('expected a date written YYYY-MM-DD')

/** A list that must not repeat a value (a theme or device listed twice is a slip). */
function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).min(1, 'list at least one value').refine((values) => new Set(values).size === values.length, 'a value is listed twice')
}

/** YAML reads `2.1` as a number: accept it and turn it back into the code it was meant to be. */
const digcompCode = z.preprocess((value) => (typeof value === 'number' ? value.toFixed(1) : value), z.enum(DIGCOMP_CODES))

export const SourceSchema = z.strictObject({
  title: text,
  url: z.url({ protocol: /^https$/, error: 'expected an https:// address' }),
  checkedOn: isoDate,
})

export const ChoiceSchema = z.strictObject({
  label: text,
  easyRead: text,
  next: slug,
})

export const CheckpointSchema = z.strictObject({
  question: text,
  easyRead: text,
  choices: z.array(ChoiceSchema).min(2, 'a checkpoint offers at least 2 choices').max(6, 'offer at most 6 choices'),
})

export const StepSchema = z
  .strictObject({
    id: slug,
    title: text,
    body: text,
    illustration: z.string().regex(/^[a-z0-9][a-z0-9-]*\.svg$/, 'expected an SVG file name such as ecran-accueil.svg').optional(),
    illustrationAlt: z.string().trim().optional(),
    tip: text.optional(),
    warning: text.optional(),
    agentNote: text.optional(),
    easyRead: text,
    checkpoint: CheckpointSchema.optional(),
    next: slug.optional(),
    outcome: z.enum(SCENARIO_OUTCOMES).optional(),
  })
  .superRefine((step, ctx) => {
    if (step.illustration !== undefined && step.illustrationAlt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['illustrationAlt'], message: 'an illustration needs illustrationAlt (what it shows, or "" if decorative)' })
    }
    if (step.outcome !== undefined && step.next !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['next'], message: 'an end step (with outcome) cannot have next' })
    }
    if (step.outcome !== undefined && step.checkpoint !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['checkpoint'], message: 'an end step (with outcome) cannot have a checkpoint' })
    }
    if (step.checkpoint !== undefined && step.next !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['next'], message: 'a step with a checkpoint goes where the answer says: remove next' })
    }
  })

export const ScenarioSchema = z.strictObject({
  id: slug,
  version: z.int().min(1),
  title: text.max(90, 'keep the title under 90 characters'),
  summary: text.max(200, 'keep the summary under 200 characters').regex(/^[^\n]*$/, 'the summary is one line'),
  keywords: z.array(text).default([]),
  audiences: uniqueList(z.enum(AUDIENCES)),
  minutes: z.int().min(1).max(240),
  level: z.enum(SCENARIO_LEVELS),
  themes: uniqueList(z.enum(SCENARIO_THEMES)),
  mainThemes: uniqueList(z.enum(SCENARIO_THEMES)).refine((values) => values.length <= 2, 'list at most 2 main themes'),
  civicTopics: z.array(z.enum(CIVIC_TOPICS)).refine((values) => new Set(values).size === values.length, 'a value is listed twice').default([]),
  digcomp: uniqueList(digcompCode),
  devices: uniqueList(z.enum(DEVICES)),
  prerequisites: z.array(text).default([]),
  sources: z.array(SourceSchema).min(1, 'list at least one source'),
  reviewedOn: isoDate,
  steps: z.array(StepSchema).min(1, 'a scenario has at least one step'),
})

/** One page of the vetted list (content/sources/<group>.yaml, merged): see VettedListSchema. */
export const VettedSourceSchema = z.strictObject({
  url: z.url({ protocol: /^https$/, error: 'expected an https:// address' }),
  title: text,
  publisher: text,
  official: z.boolean(),
  seen: z.enum(SOURCE_SEEN),
  checkedOn: isoDate,
})

/** A phone number the scenarios may print, with what the vetted source says it costs. */
export const VettedPhoneSchema = z.strictObject({
  number: z.string().regex(/^[0-9]{2,10}$/, 'write the number as dialled, digits only (quote it: "3646")'),
  who: text,
  cost: text,
  source: z.url({ protocol: /^https$/, error: 'expected an https:// address' }),
})

/** content/sources/<group>.yaml: the pages and numbers scenarios may cite. */
export const VettedListSchema = z.strictObject({
  sources: z.array(VettedSourceSchema).default([]),
  phones: z.array(VettedPhoneSchema).default([]),
})

export type VettedSource = z.infer<typeof VettedSourceSchema>
export type VettedPhone = z.infer<typeof VettedPhoneSchema>
export type VettedList = z.infer<typeof VettedListSchema>

export type Scenario = z.infer<typeof ScenarioSchema>
export type Step = z.infer<typeof StepSchema>
export type Checkpoint = z.infer<typeof CheckpointSchema>
export type Choice = z.infer<typeof ChoiceSchema>
export type Source = z.infer<typeof SourceSchema>

/**
 * One translated string: `hash` is the hash (translationHash in translations.ts) of the French
 * text it was translated from, so a changed French string shows up as stale and falls back to
 * French. `fr` is written by the skeleton helper as context for the translator and never read.
 * An empty `text` means "not translated yet".
 */
export const TranslatedStringSchema = z.strictObject({
  hash: z.string(),
  text: z.string(),
  fr: z.string().optional(),
})

/**
 * locales/<lang>/scenarios/<id>.json. `keywords` (optional) are words people type in that
 * language to find the scenario (« tax », « ضريبة »): not translations of the French keywords,
 * and not counted in the coverage.
 */
export const TranslationFileSchema = z.strictObject({
  scenario: slug,
  locale: z.string().regex(/^[a-z]{2}$/),
  keywords: z.array(z.string().trim().min(1)).optional(),
  strings: z.record(z.string(), TranslatedStringSchema),
})

export type TranslatedString = z.infer<typeof TranslatedStringSchema>
export type TranslationFile = z.infer<typeof TranslationFileSchema>

/** What the catalogue needs of a scenario, without its steps (shipped eagerly with the catalogue chunk). */
export type CatalogueEntry = Pick<
  Scenario,
  'id' | 'version' | 'title' | 'summary' | 'keywords' | 'audiences' | 'minutes' | 'level' | 'themes' | 'mainThemes' | 'civicTopics' | 'digcomp' | 'devices' | 'reviewedOn'
> & { stepCount: number }
