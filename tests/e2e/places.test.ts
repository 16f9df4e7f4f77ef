// The places directory in real Chromium on the production build, offline: a places file
// imported on the device (Settings), a search by postcode filtered on wifi and « ouvert
// maintenant », a place opened, the current accompaniment referred there; the log and its CSV
// export show the place's name, and the referral slip prints with its QR code. « Je suis
// bloqué·e » in a scenario shows the nearest places that can help.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import type { Browser } from 'playwright-core'
import { collectPageErrors, goOffline, launchBrowser, newAppContext, seriousA11yViolations, visitAndCache } from '../support/e2e'
import { startServer } from '../support/start-server'

let browser: Browser
let dir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dir = mkdtempSync(join(tmpdir(), 'tandem-places-e2e-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

const FIELDS = 'id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv'.split(',')

/** A v1 file: open all week or never, so « ouvert maintenant » does not depend on when the test runs. */
function placesFile(): string {
  const base = { pivot: '21070334000016', commune: 'Vals-les-Bains', code_postal: '07600', code_insee: '07331', latitude: '44.6651', longitude: '4.3660', date_maj: '2026-10-01' }
  const rows = [
    { ...base, id: 'bib', nom: 'Médiathèque de Vals', adresse: '2 place de la Mairie', horaires: '24/7', telephone: '04 75 37 00 00', services: 'Accès internet et matériel informatique|Maîtrise des outils numériques du quotidien' },
    { ...base, id: 'mairie', nom: 'Mairie de Vals', adresse: '1 place de la Mairie', horaires: 'Mo-Su off', services: 'Accès internet et matériel informatique' },
    { ...base, id: 'fs', nom: 'France Services Vals', adresse: '4 rue Basse', horaires: '24/7', services: 'Aide aux démarches administratives' },
    { ...base, id: 'texte', nom: 'Association Clic', adresse: '3 rue Haute', horaires: 'du lundi au vendredi de 9h à 12h', services: 'Accès internet et matériel informatique' },
    { ...base, id: 'ailleurs', nom: 'Médiathèque de Valence', adresse: '1 rue', commune: 'Valence', code_postal: '26000', code_insee: '26362', horaires: '24/7', services: 'Accès internet et matériel informatique' },
  ]
  const path = join(dir, '2026-11-30_test_lieux-de-mediation-numerique_ardeche.csv')
  writeFileSync(path, Papa.unparse(rows.map((r) => Object.fromEntries(FIELDS.map((f) => [f, (r as Record<string, string>)[f] ?? '']))), { columns: FIELDS }))
  return path
}

describe('places directory', () => {
  it('searches offline, refers the current accompaniment to a place, exports the referral and prints the slip', async () => {
    const server = await startServer({})
    try {
      const context = await newAppContext(browser, { url: server.url, preferences: { mode: 'agent' } })
      const page = await visitAndCache(context)
      const errors = collectPageErrors(page)
      await goOffline(context)
      await page.reload()

      // An empty directory says where the real one comes from.
      await page.goto('/places')
      await expect(page.getByTestId('places-empty').innerText()).resolves.toContain('data.gouv.fr')

      // A file of the national format, imported on this device.
      await page.goto('/settings')
      await page.getByTestId('places-file').setInputFiles(placesFile())
      await page.getByTestId('places-import').click()
      const report = page.getByTestId('places-report')
      await report.waitFor()
      await expect(report.innerText()).resolves.toContain('5 lignes lues : 5 lieux gardés, 0 lignes refusées')

      // « Je suis bloqué·e » in a scenario about e-mail: the nearest places helping with
      // everyday digital tools, near the postcode typed once on this device.
      await page.goto('/scenarios/creer-adresse-mail')
      await page.getByTestId('start').click()
      await page.getByTestId('stuck').click()
      const nearby = page.getByTestId('nearby-help')
      await nearby.locator('#nearby-where').fill('07600')
      await nearby.getByRole('button', { name: 'Voir les lieux' }).click()
      await nearby.getByTestId('place-list').getByText('Médiathèque de Vals').first().waitFor()
      await expect(nearby.getByTestId('place-list').innerText()).resolves.not.toContain('France Services Vals')

      // The accompaniment being logged.
      await page.goto('/accompaniments/new')
      const chip = (value: string, scope = 'form') => page.locator(`${scope} button.chip[data-value="${value}"]`).first()
      await chip('30').click()
      await chip('email').click()
      await chip('resolu').click()
      await chip('yes', '#session-oriented').click()
      await page.getByTestId('choose-place').click()

      // Search by postcode, then wifi and « ouvert maintenant ».
      await page.getByTestId('choosing').waitFor()
      await page.locator('#places-query').fill('07600')
      await page.getByTestId('places-search').click()
      const list = page.getByTestId('place-list')
      await expect.poll(() => list.locator('li').count()).toBe(4)
      await expect(list.locator('li', { hasText: 'Association Clic' }).innerText()).resolves.toContain('Horaires : voir ci-dessous')
      await page.locator('button.chip[data-value="acces_internet"]').click()
      await expect.poll(() => list.locator('li').count()).toBe(3)
      await page.getByTestId('open-now').check()
      await expect.poll(() => list.locator('li').count()).toBe(1)

      // Open it and refer the accompaniment there.
      await list.getByRole('link', { name: 'Médiathèque de Vals' }).click()
      await expect(page.getByTestId('place-name').innerText()).resolves.toBe('Médiathèque de Vals')
      await expect(page.getByTestId('place-phone').getAttribute('href')).resolves.toBe('tel:+33475370000')
      const placeId = new URL(page.url()).pathname.split('/').at(-1) as string
      await page.getByTestId('refer-here').click()
      // The form reopens from its draft, then applies the chosen place: wait for it, as a person would.
      await page.getByTestId('referral-place').getByText('Lieu : Médiathèque de Vals').waitFor()
      await page.getByTestId('save').click()
      await page.getByTestId('saved-status').getByText('Enregistré').waitFor()
      await expect(page.locator('.detail__list').innerText()).resolves.toContain('Médiathèque de Vals')
      const logId = new URL(page.url()).pathname.split('/').at(-1) as string

      // The export names the place.
      await page.goto('/stats')
      await page.getByTestId('totals').waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
      const text = readFileSync(await download.path(), 'utf8')
      const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true })
      expect(parsed.data.find((r) => r['ID CRA'] === logId)).toMatchObject({ 'Bénéficiaire réorienté': 'Oui', 'Lieu de réorientation': 'Médiathèque de Vals' })

      // The slip: name, address, phone, hours, and a QR code opening the place in citizen mode.
      await page.goto(`/places/${placeId}`)
      await page.getByTestId('open-slip').click()
      const slip = page.getByTestId('slip')
      await slip.waitFor()
      const slipText = await slip.innerText()
      expect(slipText).toContain('Médiathèque de Vals')
      expect(slipText).toContain('2 place de la Mairie, 07600 Vals-les-Bains')
      expect(slipText).toContain('+33475370000')
      await expect(slip.locator('svg.qr').getAttribute('data-qr-text')).resolves.toBe(`${server.url}/places/${placeId}?mode=self`)
      await page.evaluate(() => {
        ;(window as unknown as { printed: number }).printed = 0
        window.print = () => void ((window as unknown as { printed: number }).printed += 1)
      })
      await page.getByTestId('print-slip').click()
      await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1)
      await page.emulateMedia({ media: 'print' })
      await expect(page.locator('.app-header').isVisible()).resolves.toBe(false)
      await expect(slip.isVisible()).resolves.toBe(true)

      // On a 360 px phone: the list, the place and the slip fit without horizontal scrolling,
      // with no serious accessibility violation.
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize({ width: 360, height: 740 })
      for (const path of ['/places?q=07600', `/places/${placeId}`, `/places/${placeId}/slip`]) {
        await page.goto(path)
        await page.locator('#main h1').first().waitFor()
        if (path.includes('?q=')) await list.locator('li').first().waitFor()
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360)
        expect(await seriousA11yViolations(page), path).toEqual([])
      }

      expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
      await context.close()
    } finally {
      await server.stop()
    }
  })

  it('opens « Trouver de l’aide près de chez moi » from the home screen, with nothing sent', async () => {
    const server = await startServer({})
    try {
      const context = await newAppContext(browser, { url: server.url, preferences: { mode: 'citizen' } })
      const page = await visitAndCache(context)
      const before = server.requests().length
      await page.getByTestId('find-help').click()
      await page.getByTestId('places-empty').waitFor()
      await expect(page.locator('#main h1').innerText()).resolves.toBe('Trouver de l’aide près de chez moi')
      // Everything came from the precache: no request reached the server.
      expect(server.requests().slice(before).filter((r) => r.url.startsWith('/api/'))).toEqual([])
      await context.close()
    } finally {
      await server.stop()
    }
  })
})
