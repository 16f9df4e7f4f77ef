// The installable app: manifest fields and icons, and what the service worker precaches.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { baseURL } from '../support/e2e'

interface ManifestIcon { src: string; sizes: string; type: string; purpose?: string }

describe('progressive web app', () => {
  it('serves a complete manifest with 192, 512 and maskable icons', async () => {
    const response = await fetch(`${baseURL()}/manifest.webmanifest`)
    expect(response.status).toBe(200)
    const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] }
    expect(manifest).toMatchObject({ name: expect.stringContaining('Tandem'), short_name: 'Tandem', display: 'standalone', lang: 'fr', start_url: '/' })
    expect(String(manifest.description).length).toBeGreaterThan(20)
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
    const sizes = manifest.icons.map((icon) => `${icon.sizes}${icon.purpose === 'maskable' ? ' maskable' : ''}`)
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']))
    for (const icon of manifest.icons) {
      const image = await fetch(`${baseURL()}${icon.src}`)
      expect(image.status, icon.src).toBe(200)
      expect(image.headers.get('content-type')).toBe('image/png')
    }
  })

  it('precaches the shell, every locale and every scenario', () => {
    const sw = readFileSync('dist/sw.js', 'utf8')
    const precached = new Set([...sw.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] as string))
    expect(precached.has('index.html')).toBe(true)
    // Each locale's messages, and each scenario's content chunk, exist in the build and are precached.
    const assets = readdirSync('dist/assets').filter((f) => f.endsWith('.js'))
    for (const locale of ['en', 'ar']) {
      const chunk = assets.find((f) => f.startsWith(`${locale}-`))
      expect(chunk, `${locale} messages chunk`).toBeDefined()
      expect(precached.has(`assets/${chunk}`)).toBe(true)
    }
    const scenarios = readdirSync('content/scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace('.yaml', ''))
    expect(scenarios.length).toBeGreaterThanOrEqual(5)
    for (const id of scenarios) {
      expect([...precached].some((url) => url.startsWith(`assets/${id}-`)), `scenario ${id} precached`).toBe(true)
    }
    // The navigation fallback never answers API calls.
    expect(sw).toMatch(/denylist:\s*\[\/\^\\\/api\\\/\/\]/)
  })
})
