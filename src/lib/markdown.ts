// The Markdown subset of scenario texts, parsed into a token tree that MarkdownText.vue renders
// with ordinary Vue bindings: no v-html, so markup in a text can only ever show up as text.
// Supported: paragraphs (blank line between), **bold**, lists (`- `, `* `, `1. `), [links](https://…)
// and [links](tel:…). Everything else, including raw HTML, stays literal text.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }

export type Block = { type: 'paragraph'; children: Inline[] } | { type: 'list'; ordered: boolean; items: Inline[][] }

const BULLET = /^\s*[-*]\s+(.*)$/
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/
const LINK = /^\[([^\]\n]+)\]\(([^()\s]+)\)/
const SAFE_HREF = /^(?:https:\/\/[^\s"'<>`]+|tel:\+?[0-9 .-]{2,20})$/

/** A link target the app will follow; anything else (javascript:, data:, http:) renders as text. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href)
}

function parseInline(source: string, allowLinks = true): Inline[] {
  const out: Inline[] = []
  let text = ''
  const flush = () => {
    if (text) out.push({ type: 'text', text })
    text = ''
  }
  let i = 0
  while (i < source.length) {
    if (source.startsWith('**', i)) {
      const end = source.indexOf('**', i + 2)
      if (end > i + 2) {
        flush()
        out.push({ type: 'strong', children: parseInline(source.slice(i + 2, end), allowLinks) })
        i = end + 2
        continue
      }
    }
    if (allowLinks && source[i] === '[') {
      const match = LINK.exec(source.slice(i))
      if (match && isSafeHref(match[2] as string)) {
        flush()
        out.push({ type: 'link', href: match[2] as string, children: parseInline(match[1] as string, false) })
        i += match[0].length
        continue
      }
    }
    text += source[i]
    i += 1
  }
  flush()
  return out
}

/**
 * French typography: the space before « : ; ? ! » and the spaces inside « » become non-breaking,
 * so the sign never starts a line on its own. Only for French text (English puts no space there).
 */
export function frenchSpacing(text: string): string {
  return text.replace(/[ \t]+(?=[:;?!»])/g, '\u00a0').replace(/«[ \t]+/g, '«\u00a0')
}

function mapText(nodes: Inline[], change: (text: string) => string): Inline[] {
  return nodes.map((node): Inline => (node.type === 'text' ? { type: 'text', text: change(node.text) } : { ...node, children: mapText(node.children, change) }))
}

/** Whether a text in this language takes French spacing (fr, fr-FR…). */
export function isFrench(lang: string | undefined): boolean {
  return lang !== undefined && /^fr(?:-|$)/i.test(lang)
}

/**
 * Parses a scenario text into blocks. Never throws; unknown syntax stays text. With `french`,
 * text nodes get French non-breaking spaces (frenchSpacing).
 */
export function parseMarkdown(source: string, options: { french?: boolean } = {}): Block[] {
  const blocks = parseBlocks(source)
  if (!options.french) return blocks
  return blocks.map((block) =>
    block.type === 'paragraph' ? { ...block, children: mapText(block.children, frenchSpacing) } : { ...block, items: block.items.map((item) => mapText(item, frenchSpacing)) },
  )
}

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: { ordered: boolean; items: string[] } | null = null
  const closeParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) })
    paragraph = []
  }
  const closeList = () => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) })
    list = null
  }
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim()
    if (line === '') {
      closeParagraph()
      closeList()
      continue
    }
    const bullet = BULLET.exec(line)
    const numbered = bullet ? null : NUMBERED.exec(line)
    const item = bullet ?? numbered
    if (item) {
      closeParagraph()
      const ordered = numbered !== null
      if (list && list.ordered !== ordered) closeList()
      list ??= { ordered, items: [] }
      list.items.push(item[1] as string)
    } else if (list && /^\s+/.test(rawLine)) {
      // An indented line continues the current list item.
      list.items[list.items.length - 1] += ` ${line}`
    } else {
      closeList()
      paragraph.push(line)
    }
  }
  closeParagraph()
  closeList()
  return blocks
}

function inlineText(nodes: Inline[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : inlineText(node.children))).join('')
}

/** Plain text of a scenario text: for read-aloud, search and the printed memo. */
export function markdownToPlainText(source: string): string {
  return parseMarkdown(source)
    .map((block) => (block.type === 'paragraph' ? inlineText(block.children) : block.items.map((item) => inlineText(item)).join('\n')))
    .join('\n\n')
}

/** What a writer should fix in a text: markup the renderer will show literally. */
export function findMarkupProblems(source: string): string[] {
  const problems: string[] = []
  if (/<\/?[a-z][^>]*>/i.test(source)) problems.push('contains HTML, which is shown as plain text: use **bold**, lists and [links](https://…) instead')
  for (const match of source.matchAll(/\[([^\]\n]+)\]\(([^)\n]*)\)/g)) {
    if (!isSafeHref(match[2] as string)) problems.push(`the link "${match[2]}" is not an https:// or tel: address and will be shown as text`)
  }
  return problems
}
