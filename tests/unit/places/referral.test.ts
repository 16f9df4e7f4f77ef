// The return path a form gives the directory: only a path of this app, never another site.
import { expect, it } from 'vitest'
import { pathWithPlace, returnPath } from '@/features/places/referral'

it('accepts only in-app paths as a return', () => {
  expect(returnPath('/accompaniments/new?draft=D1')).toBe('/accompaniments/new?draft=D1')
  for (const wrong of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'accompaniments', 42, undefined]) expect(returnPath(wrong)).toBeNull()
})

it('adds the chosen place to the return path, keeping its query', () => {
  expect(pathWithPlace('/accompaniments/new?draft=D1', 'P1')).toBe('/accompaniments/new?draft=D1&place=P1')
  expect(pathWithPlace('/accompaniments/L1/edit', 'P1')).toBe('/accompaniments/L1/edit?place=P1')
})
