// Renders the app icons (PNG) from SVG with Chromium. Run by hand when the logo changes:
//   npx tsx scripts/make-icons.ts
import { chromium } from 'playwright-core'
import { writeFileSync } from 'node:fs'

const rings = (scale: number) => `
  <circle cx="${256 - 62 * scale}" cy="256" r="${130 * scale}" fill="none" stroke="#fff" stroke-width="${44 * scale}"/>
  <circle cx="${256 + 62 * scale}" cy="256" r="${130 * scale}" fill="none" stroke="#fff" stroke-width="${44 * scale}"/>`
// "any" icons have rounded corners; the maskable one fills the square and keeps the
// drawing inside the central 80 % safe zone.
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="112" fill="#1d4f91"/>${rings(1)}</svg>`
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#1d4f91"/>${rings(0.72)}</svg>`

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
const page = await browser.newPage()
for (const [name, svg, size] of [
  ['icon-192.png', any, 192],
  ['icon-512.png', any, 512],
  ['icon-maskable-512.png', maskable, 512],
] as const) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`)
  writeFileSync(new URL(`../public/icons/${name}`, import.meta.url), await page.screenshot({ omitBackground: true }))
}
await browser.close()
