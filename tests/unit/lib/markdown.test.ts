import { describe, expect, it } from 'vitest'
import { findMarkupProblems, isSafeHref, markdownToPlainText, parseMarkdown } from '@/lib/markdown'

describe('Markdown subset', () => {
  it('parses paragraphs, bold, lists and links', () => {
    const blocks = parseMarkdown('Touchez **Envoyer**.\nC’est fait.\n\n- un\n- [deux](https://example.org/a)\n\n1. premier\n2. second')
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Touchez ' }, { type: 'strong', children: [{ type: 'text', text: 'Envoyer' }] }, { type: 'text', text: '. C’est fait.' }] },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'un' }], [{ type: 'link', href: 'https://example.org/a', children: [{ type: 'text', text: 'deux' }] }]] },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'premier' }], [{ type: 'text', text: 'second' }]] },
    ])
  })

  it('keeps HTML as inert text', () => {
    const blocks = parseMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>')
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script><img src=x onerror=alert(1)>' }] }])
  })

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>', 'http://example.org', '//evil.example', 'vbscript:x', 'https://ex ample.org'])(
    'does not make a link of %s',
    (href) => {
      expect(isSafeHref(href)).toBe(false)
      const blocks = parseMarkdown(`[cliquez](${href})`)
      expect(JSON.stringify(blocks)).not.toContain('"link"')
    },
  )

  it('allows https and tel links only', () => {
    expect(isSafeHref('https://www.impots.gouv.fr/accueil')).toBe(true)
    expect(isSafeHref('tel:3939')).toBe(true)
    expect(isSafeHref('https://x.org/"onmouseover=alert(1)')).toBe(false)
  })

  it('leaves an unclosed bold marker as text', () => {
    expect(markdownToPlainText('un **deux')).toBe('un **deux')
  })

  it('gives plain text for reading aloud', () => {
    expect(markdownToPlainText('**Attention** : [lien](https://a.fr)\n\n- un\n- deux')).toBe('Attention : lien\n\nun\ndeux')
  })

  it('tells the writer about HTML and unsafe links', () => {
    expect(findMarkupProblems('Voir <b>ceci</b>')).toHaveLength(1)
    expect(findMarkupProblems('[x](javascript:void)')).toHaveLength(1)
    expect(findMarkupProblems('Écrivez 3 < 5 et [ok](https://a.fr)')).toEqual([])
  })
})
