// Offline catalogue search: accent-, case- and punctuation-insensitive word matching (whole words
// first, then beginnings of words, then synonyms, titles before texts) over a
// small index built at build time, one per interface language (the French texts plus that
// language's translated titles, summaries, keywords and steps), plus a few built-in synonyms
// for the words people actually type (« mel » for e-mail, « impot »…). Arabic is normalised the
// way people type it: no short vowels (tashkeel) or tatweel, one form of alef and hamza, and a
// word is also found without its article « ال ».

/** Arabic letters written several ways, mapped to the one form people type. */
const ARABIC_FORMS: Record<string, string> = { 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ـ': '' }

/** Lowercase, without accents, tashkeel or ligatures, punctuation turned into spaces (hyphens kept). */
export function normalise(text: string): string {
  return text
    // NFD splits أ إ آ ؤ ئ into a base letter and a hamza or madda mark, removed with the other marks.
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ٱىةـ]/gu, (ch) => ARABIC_FORMS[ch] ?? ch)
    .replace(/[٠-٩]/gu, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** An Arabic word without its article or a preposition joined to it (« بالبريد » → « بريد »), if it has one. */
export function withoutArabicArticle(word: string): string | undefined {
  const match = /^(?:و|ف|ب|ك|ل)?(?:ال|لل)(\p{Script=Arabic}{2,})$/u.exec(word)
  return match ? match[1] : undefined
}

/** Words of a text; a hyphenated word also yields its joined form (« e-mail » → email, e, mail). */
export function tokenise(text: string): string[] {
  const out: string[] = []
  for (const word of normalise(text).split(' ')) {
    const parts = word.split('-').filter(Boolean)
    if (parts.length === 0) continue
    if (parts.length > 1) out.push(parts.join(''))
    out.push(...parts)
    for (const part of parts) {
      const bare = withoutArabicArticle(part)
      if (bare) out.push(bare)
    }
  }
  return out
}

/** Words people use for the same thing; each query word also matches the others of its group. */
export const SYNONYMS: readonly (readonly string[])[] = [
  ['email', 'mail', 'mel', 'courriel', 'messagerie', 'gmail', 'outlook'],
  ['impot', 'impots', 'fisc', 'fiscal', 'declaration'],
  ['mdp', 'motdepasse', 'password'],
  ['telephone', 'portable', 'smartphone', 'mobile'],
  ['securite', 'arnaque', 'fraude', 'hameconnage', 'phishing'],
  ['sante', 'ameli', 'medecin', 'vitale'],
  ['visio', 'visioconference', 'video', 'whatsapp'],
]

/** A whole word of a field (synonyms never match the beginning of a word). */
function matches(field: string, word: string): boolean {
  return ` ${field} `.includes(` ${word} `)
}

const synonymsOf = new Map<string, readonly string[]>()
for (const group of SYNONYMS) for (const word of group) synonymsOf.set(word, group)

/** Searchable text of one scenario, normalised at build time: unique words per field. */
export interface SearchDocument {
  id: string
  /** Title and keywords (French, and the index's language). */
  title: string
  summary: string
  /** Step titles and texts. */
  body: string
}

/** Builds the index entry of a scenario from its raw texts. */
export function buildSearchDocument(id: string, fields: { title: string[]; summary: string[]; body: string[] }): SearchDocument {
  const join = (texts: string[]) => [...new Set(texts.flatMap(tokenise))].join(' ')
  return { id, title: join(fields.title), summary: join(fields.summary), body: join(fields.body) }
}

const WEIGHTS = { title: 4, summary: 2, body: 1 } as const
/** How a query word met a field's word: the word itself beats its beginning, which beats a synonym. */
const KIND = { exact: 3, prefix: 2, synonym: 1 } as const

/**
 * A word typed so far matching the beginning of a longer word: always in a title or summary
 * (« decl » finds « Déclarer »), but in the steps' text only when little is left to type
 * (« medecin » → « médecins »), so « ameli » does not find « améliorez ».
 */
function prefixAllowed(field: 'title' | 'summary' | 'body', word: string, token: string): boolean {
  if (field !== 'body') return true
  return token.length - word.length <= 2 || word.length >= 0.75 * token.length
}

/** The best way a word meets a field: exact, prefix (see prefixAllowed), or 0. */
function matchKind(field: 'title' | 'summary' | 'body', text: string, word: string): number {
  let best = 0
  for (const token of text.split(' ')) {
    if (token === word) return KIND.exact
    if (token.startsWith(word) && prefixAllowed(field, word, token)) best = KIND.prefix
  }
  return best
}

/**
 * Score of a document for a query: 0 when some query word matches nowhere. Each word adds its
 * best match, weighted by field (title and keywords first) and by kind (the word itself, then
 * its beginning, then a synonym, whole words only), so « ameli » ranks the ameli scenario first.
 */
export function scoreDocument(document: SearchDocument, query: string): number {
  const words = [...new Set(normalise(query).split(' ').flatMap((word) => {
    const parts = word.split('-').filter(Boolean)
    return parts.length > 1 ? [parts.join('')] : parts
  }))]
  if (words.length === 0) return 1
  let total = 0
  for (const word of words) {
    const bare = withoutArabicArticle(word)
    const own = bare ? [word, bare] : [word]
    const synonyms = (synonymsOf.get(word) ?? []).filter((synonym) => !own.includes(synonym))
    let best = 0
    // Ties go to the document where the word also appears in its other fields.
    let also = 0
    for (const field of ['title', 'summary', 'body'] as const) {
      const text = document[field]
      let here = 0
      for (const variant of own) here = Math.max(here, WEIGHTS[field] * matchKind(field, text, variant))
      if (here === 0 && synonyms.some((synonym) => matches(text, synonym))) here = WEIGHTS[field] * KIND.synonym
      also += here
      best = Math.max(best, here)
    }
    if (best === 0) return 0
    // Then to the one where it comes earlier in the title field (the title is indexed before
    // the keywords), a hair's breadth only.
    const position = document.title.split(' ').findIndex((token) => own.some((variant) => token.startsWith(variant)))
    total += best + (also - best) / 100 + (position >= 0 ? 1 / (1000 * (position + 2)) : 0)
  }
  return total
}

/** Ids of the documents matching a query, best first (ties keep the given order). */
export function searchDocuments(documents: readonly SearchDocument[], query: string): string[] {
  return documents
    .map((document, order) => ({ id: document.id, order, score: scoreDocument(document, query) }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((hit) => hit.id)
}
