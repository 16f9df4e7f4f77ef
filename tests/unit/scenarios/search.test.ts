import { describe, expect, it } from 'vitest'
import { buildSearchDocument, normalise, searchDocuments, tokenise } from '@/features/scenarios/search'
import { loadScenarioContent, searchIndex } from '../../../scripts/vite-plugin-scenarios'

const documents = [
  buildSearchDocument('mail', { title: ['Envoyer un e-mail'], summary: ['Écrire et envoyer un message.'], body: ['Touchez Gmail.'] }),
  buildSearchDocument('impots', { title: ['Déclarer ses impôts en ligne'], summary: ['Sur impots.gouv.fr.'], body: ['Connectez-vous avec FranceConnect.'] }),
  buildSearchDocument('arnaques', { title: ['Repérer un faux message'], summary: ['La sécurité de vos comptes.'], body: ['Ne donnez jamais votre code par e-mail.'] }),
]

describe('catalogue search', () => {
  it('ignores accents, case, ligatures and punctuation', () => {
    expect(normalise('  Sécurité, ŒUVRE — Impôts !')).toBe('securite oeuvre impots')
    expect(tokenise('e-mail')).toEqual(['email', 'e', 'mail'])
  })

  it('finds « sécurité » from "securite" and « impôts » from "impot"', () => {
    expect(searchDocuments(documents, 'securite')).toEqual(['arnaques'])
    expect(searchDocuments(documents, 'IMPOT')).toEqual(['impots'])
  })

  it('finds the email scenario from "mel", "mail" and "courriel", title first', () => {
    expect(searchDocuments(documents, 'mel')[0]).toBe('mail')
    expect(searchDocuments(documents, 'mail')).toEqual(['mail', 'arnaques'])
    expect(searchDocuments(documents, 'courriel')[0]).toBe('mail')
  })

  it('matches word prefixes while typing, and needs every word', () => {
    expect(searchDocuments(documents, 'decl')).toEqual(['impots'])
    expect(searchDocuments(documents, 'impots gmail')).toEqual([])
    expect(searchDocuments(documents, 'franceconnect')).toEqual(['impots'])
  })

  it('returns everything in order for an empty query', () => {
    expect(searchDocuments(documents, '  ')).toEqual(['mail', 'impots', 'arnaques'])
  })

  it('normalises Arabic as people type it: no tashkeel, one alef, article optional', () => {
    expect(normalise('الضَّرِيبَةُ')).toBe('الضريبه')
    expect(normalise('أإآٱ')).toBe('اااا')
    expect(normalise('مُسْتَشْفَى ١٢')).toBe('مستشفي 12')
    const arabic = [
      buildSearchDocument('impots', { title: ['التصريح بالدخل على موقع الضرائب'], summary: [], body: [] }),
      buildSearchDocument('mail', { title: ['إنشاء بريد إلكتروني'], summary: [], body: ['أَرْسِلْ رسالة'] }),
    ]
    expect(searchDocuments(arabic, 'ضرائب')).toEqual(['impots'])
    expect(searchDocuments(arabic, 'الضَّرائب')).toEqual(['impots'])
    expect(searchDocuments(arabic, 'انشاء')).toEqual(['mail'])
    expect(searchDocuments(arabic, 'البريد')).toEqual(['mail'])
    expect(searchDocuments(arabic, 'ارسل')).toEqual(['mail'])
  })

  it('matches whole words and word beginnings, not the middle of a longer word in the text', () => {
    const docs = [
      buildSearchDocument('video', { title: ['Appel vidéo avec sa famille'], summary: [], body: ['Améliorez le son en approchant le téléphone.'] }),
      buildSearchDocument('ameli', { title: ['Créer son compte ameli'], summary: [], body: [] }),
      buildSearchDocument('medecin', { title: ['Rendez-vous chez le médecin'], summary: [], body: ['Les médecins proposent des créneaux.'] }),
    ]
    expect(searchDocuments(docs, 'ameli')).toEqual(['ameli', 'medecin'])
    // A beginning still finds a word of a title while typing, and a plural in the text.
    expect(searchDocuments(docs, 'amelior')).toEqual(['video'])
    expect(searchDocuments(docs, 'medecin')[0]).toBe('medecin')
  })

  it('ranks the word itself above a synonym, and a title above a text', () => {
    const docs = [
      buildSearchDocument('synonym-title', { title: ['Trouver un médecin'], summary: [], body: [] }),
      buildSearchDocument('in-text', { title: ['Vos remboursements'], summary: [], body: ['Ouvrez ameli sur votre téléphone.'] }),
      buildSearchDocument('in-title', { title: ['Le compte ameli'], summary: [], body: [] }),
    ]
    expect(searchDocuments(docs, 'ameli')).toEqual(['in-title', 'synonym-title', 'in-text'])
  })
})

describe('catalogue search over the real scenarios', () => {
  const content = loadScenarioContent(process.cwd(), { today: '2026-12-01' })
  const index = searchIndex(content, 'fr')

  it('finds the ameli scenario first for « ameli », and not the family video call', () => {
    const found = searchDocuments(index, 'ameli')
    expect(found[0]).toBe('compte-ameli-carte-vitale')
    expect(found).not.toContain('appel-video-famille')
  })
})
