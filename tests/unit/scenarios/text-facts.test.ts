// What the checker reads in a text: words a person sees, easy-read sentences, links, phone numbers.
import { describe, expect, it } from 'vitest'
import { canonicalUrl, isShortener, isSurcharged, linksIn, phonesIn, sentences, wordCount } from '@/features/scenarios/textFacts'

describe('text facts', () => {
  it('counts the words a person reads, without Markdown', () => {
    expect(wordCount('Touchez **« Envoyer »** puis [le lien](https://a.fr/x).')).toBe(5)
    expect(wordCount('l’identifiant et le 3646 !')).toBe(4)
    expect(wordCount(undefined)).toBe(0)
  })

  it('splits easy-read text into sentences by line and by full stop', () => {
    expect(sentences('Ouvrez vos mails. Cherchez le code.\n\n- Écrivez-le\n- Validez !')).toEqual(['Ouvrez vos mails.', 'Cherchez le code.', 'Écrivez-le', 'Validez !'])
  })

  it('finds link targets and bare addresses, not domain names in prose', () => {
    expect(linksIn('Voir [ici](https://a.fr/p), https://b.fr/q. ou impots.gouv.fr et [tél](tel:3646)')).toEqual(['https://a.fr/p', 'tel:3646', 'https://b.fr/q'])
    expect(canonicalUrl('https://A.fr')).toBe('https://a.fr/')
    expect(isShortener('https://bit.ly/x')).toBe(true)
    expect(isShortener('https://www.ameli.fr/')).toBe(false)
  })

  it('finds phone numbers, short numbers outside long ones, and surcharged ones', () => {
    const digits = (text: string) => phonesIn(text).map((p) => `${p.kind}:${p.digits}`)
    expect(digits('au **09 69 39 91 11** (appel local)')).toEqual(['long:0969399111'])
    expect(digits('le 3646, le 39 39 et le +33 1 23 45 67 89')).toEqual(['long:0123456789', 'short:3646', 'short:3939'])
    expect(digits('Appelez le 17 (gratuit) ; 17 ans ; 3018.')).toEqual(['short:3018', 'short:17'])
    expect(digits('3 000 € et 3000,50 € et 2026')).toEqual([])
    expect(isSurcharged('0899123456')).toBe(true)
    expect(isSurcharged('0809401401')).toBe(false)
  })
})
