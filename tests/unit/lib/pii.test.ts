import { describe, expect, it } from 'vitest'
import { detectPii } from '@/lib/pii'

describe('personal data in notes', () => {
  it.each([
    ['écrire à jeanne.dupont@orange.fr demain', ['email']],
    ['mail : élodie@laposte.net', ['email']],
    ['rappeler au 06 12 34 56 78', ['phone']],
    ['tel 0612345678', ['phone']],
    ['+33 6 12 34 56 78', ['phone']],
    ['0033612345678', ['phone']],
    ['fixe 05.46.99.00.11', ['phone']],
    ['NIR 1 85 05 78 006 084 36', ['nir']],
    ['sécu 285052A00608436', ['nir']],
    ['1850578006084', ['nir']],
    ['06 12 34 56 78 ou a.b@c.fr', ['email', 'phone']],
  ])('finds personal data in « %s »', (text, kinds) => {
    expect(detectPii(text)).toEqual(kinds)
  })

  it.each([
    'Création de compte ameli, 2 essais',
    'Code postal 17300, rendez-vous à 14h30',
    'Facture n° 2024 115 de 45,90 €',
    'Dossier 12345678',
    '',
    'arobase @ expliquée',
  ])('stays quiet on « %s »', (text) => {
    expect(detectPii(text)).toEqual([])
  })
})
