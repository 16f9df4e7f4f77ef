// The player: navigation, branching, easy-read, agent notes by mode, resume, « Je suis bloqué·e ».
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import PlayerView from '@/features/scenarios/PlayerView.vue'
import { usePreferencesStore } from '@/features/settings/preferences'
import { loadProgress, saveProgress } from '@/features/scenarios/repo'
import type { ScenarioProgress } from '@/features/scenarios/progress'
import { mountWithApp } from '../../support/mount'
import { SCENARIO_ID, fakeSpeech, fixtureContent, freshScenarioWorld, setPreferences } from './support'

async function settle(): Promise<void> {
  // Route change → watcher → IndexedDB (fake-indexeddb answers on timers) → re-render.
  for (let i = 0; i < 8; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

async function openPlayer(path: string) {
  const mounted = await mountWithApp(PlayerView, { path, attachTo: document.body })
  await settle()
  return mounted
}

function savedAt(stepId: string, overrides: Partial<ScenarioProgress> = {}): ScenarioProgress {
  const at = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString()
  return {
    scenarioId: SCENARIO_ID, scenarioVersion: 1, currentStepId: stepId, history: ['allumer', 'trouver-application', stepId],
    answers: { 'trouver-application': 0 }, stuck: false, startedAt: at, updatedAt: at, finishedAt: null, outcome: null, activeSeconds: 300, ...overrides,
  }
}

let mounted: Awaited<ReturnType<typeof openPlayer>> | undefined

beforeEach(() => {
  freshScenarioWorld()
  setPreferences({ mode: 'citizen' })
})

afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  localStorage.clear()
})

describe('scenario player', () => {
  it('shows one step per screen and moves with Suivant and Précédent', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const { wrapper, router } = mounted
    expect(wrapper.get('[data-testid=step-title]').text()).toBe('Allumez votre téléphone')
    expect(wrapper.get('[data-testid=progress]').text()).toBe('Étape 1 sur 5')
    expect(wrapper.find('[data-testid=previous]').exists()).toBe(false)

    await wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('trouver-application')
    expect(wrapper.get('[data-testid=step-title]').text()).toBe('Trouvez l’application de messagerie')
    expect(wrapper.get('[data-testid=progress]').text()).toBe('Étape 2 sur 5')
    // A checkpoint replaces Suivant.
    expect(wrapper.find('[data-testid=next]').exists()).toBe(false)

    await wrapper.get('[data-testid=previous]').trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('allumer')
    expect((await loadProgress(SCENARIO_ID))?.history).toEqual(['allumer'])
  })

  it('moves focus to the step heading when the step changes', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    await mounted.wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    expect(document.activeElement?.textContent).toBe('Trouvez l’application de messagerie')
  })

  it('follows the chosen branch to its end and records the answer', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/trouver-application`)
    const { wrapper, router } = mounted
    const choices = wrapper.findAll('[data-testid=choice]')
    expect(choices.map((c) => c.text())).toEqual(['Oui, je la vois', 'Non, je ne la trouve pas'])
    await choices[1]?.trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('pas-d-application')
    expect(wrapper.get('[data-outcome]').attributes('data-outcome')).toBe('needs-help')
    expect(wrapper.get('[data-testid=progress]').text()).toBe('Parcours terminé')
    expect(wrapper.find('[data-testid=stuck]').exists()).toBe(false)
    const progress = await loadProgress(SCENARIO_ID)
    expect(progress?.answers).toEqual({ 'trouver-application': 1 })
    expect(progress?.outcome).toBe('needs-help')
    expect(progress?.finishedAt).not.toBeNull()
  })

  it('plays the other branch through to « done »', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/trouver-application`)
    const { wrapper, router } = mounted
    await wrapper.findAll('[data-testid=choice]')[0]?.trigger('click')
    await settle()
    await wrapper.findAll('[data-testid=choice]')[0]?.trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('lire')
    await wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('bravo')
    expect(wrapper.get('[data-outcome]').attributes('data-outcome')).toBe('done')
    expect((await loadProgress(SCENARIO_ID))?.history).toEqual(['trouver-application', 'ouvrir', 'lire', 'bravo'])
  })

  it('switches to the simplified version, checkpoint included, and keeps it from step to step', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const { wrapper } = mounted
    const toggle = wrapper.get('[data-testid=easy-read]')
    expect(toggle.text()).toBe('Version simplifiée')
    expect(wrapper.text()).not.toContain('FALC')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    expect(toggle.classes()).not.toContain('btn--primary')
    expect(toggle.find('path').exists()).toBe(false)
    await toggle.trigger('click')
    expect(wrapper.get('[data-testid=easy-read]').attributes('aria-pressed')).toBe('true')
    // Seen as well as heard: the button fills and its box is ticked.
    expect(wrapper.get('[data-testid=easy-read]').classes()).toContain('btn--primary')
    expect(wrapper.get('[data-testid=easy-read] svg').attributes('data-on')).toBe('true')
    expect(wrapper.find('[data-testid=easy-read] path').exists()).toBe(true)
    expect(wrapper.get('[data-testid=step-body]').text()).toContain('Appuyez sur le bouton du côté.')
    await wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid=easy-read]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.get('[data-testid=step-body]').text()).toBe('Cherchez une enveloppe sur l’écran.')
    expect(wrapper.get('[data-testid=question]').text()).toBe('Vous la voyez ?')
    expect(wrapper.findAll('[data-testid=choice]').map((c) => c.text())).toEqual(['Oui', 'Non'])
    await wrapper.get('[data-testid=easy-read]').trigger('click')
    expect(wrapper.get('[data-testid=question]').text()).toBe('Voyez-vous l’application de messagerie ?')
    expect(wrapper.findAll('[data-testid=choice]').map((c) => c.text())).toEqual(['Oui, je la vois', 'Non, je ne la trouve pas'])
  })

  it.each([
    ['agent', true],
    ['workshop', true],
    ['citizen', false],
  ] as const)('in %s mode, shows the mediator note: %s', async (mode, visible) => {
    setPreferences({ mode })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    expect(mounted.wrapper.find('[data-testid=agent-note]').exists()).toBe(visible)
  })

  it('hides the mediator note when opened from a leave-behind code, and makes a fresh device citizen', async () => {
    setPreferences({ mode: 'agent' })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer?mode=self`)
    expect(mounted.wrapper.find('[data-testid=agent-note]').exists()).toBe(false)
    expect(usePreferencesStore().mode).toBe('agent')
    mounted.wrapper.unmount()
    setPreferences({ mode: null })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer?mode=self`)
    expect(usePreferencesStore().mode).toBe('citizen')
    await mounted.wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    expect(mounted.router.currentRoute.value.query.mode).toBe('self')
  })

  it('offers to resume a week later, at the saved step', async () => {
    await saveProgress(savedAt('ouvrir'))
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}`)
    const { wrapper, router } = mounted
    expect(wrapper.get('[data-testid=resume-offer]').text()).toContain('« Ouvrez l’application »')
    await wrapper.get('[data-testid=resume]').trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('ouvrir')
    expect(wrapper.get('[data-testid=step-title]').text()).toBe('Ouvrez l’application')
    expect(wrapper.get('[data-testid=progress]').text()).toBe('Étape 3 sur 5')
    await wrapper.get('[data-testid=previous]').trigger('click')
    await settle()
    expect(router.currentRoute.value.params.stepId).toBe('trouver-application')
  })

  it('restarts from the beginning when asked', async () => {
    await saveProgress(savedAt('ouvrir'))
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}`)
    await mounted.wrapper.get('[data-testid=start]').trigger('click')
    await settle()
    expect(mounted.router.currentRoute.value.params.stepId).toBe('allumer')
    expect((await loadProgress(SCENARIO_ID))?.history).toEqual(['allumer'])
  })

  it('restarts gracefully when the saved step no longer exists in a new version', async () => {
    await saveProgress(savedAt('etape-supprimee', { scenarioVersion: 0 }))
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}`)
    expect(mounted.wrapper.find('[data-testid=resume-offer]').exists()).toBe(false)
    expect(mounted.wrapper.text()).toContain('Ce parcours a été mis à jour')
    mounted.wrapper.unmount()
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/etape-supprimee`)
    await settle()
    expect(mounted.router.currentRoute.value.params.stepId).toBe('allumer')
    expect(mounted.wrapper.text()).toContain('Ce parcours a été mis à jour')
    expect((await loadProgress(SCENARIO_ID))?.currentStepId).toBe('allumer')
  })

  it('ends on a needs-help screen with « Je suis bloqué·e », and can go back', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const { wrapper } = mounted
    await wrapper.get('[data-testid=stuck]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid=stuck-screen]').text()).toContain('Pas de panique')
    expect(document.activeElement?.textContent).toBe('Pas de panique')
    expect(await loadProgress(SCENARIO_ID)).toMatchObject({ stuck: true, outcome: 'needs-help' })
    await wrapper.get('[data-testid=back-to-step]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid=step-title]').text()).toBe('Allumez votre téléphone')
    expect(await loadProgress(SCENARIO_ID)).toMatchObject({ stuck: false, outcome: null, finishedAt: null })
  })

  it('never says « terminé » when stuck: the progress stays where it was, and the words fit the citizen', async () => {
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const { wrapper } = mounted
    await wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    await wrapper.get('[data-testid=stuck]').trigger('click')
    await settle()
    const progress = wrapper.get('[data-testid=progress]').text()
    expect(progress).not.toContain('terminé')
    expect(progress).toMatch(/^Arrêt à l’étape 2 sur \d+$/)
    expect(wrapper.get('.bar span').attributes('style')).not.toContain('100%')
    const screen = wrapper.get('[data-testid=stuck-screen]').text()
    expect(screen).toContain('Votre progression est gardée')
    expect(screen).toContain('Où trouver de l’aide')
    // No ending panel offering to start again beside « your progress is kept ».
    expect(wrapper.find('[data-outcome]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=restart]').exists()).toBe(false)
  })

  it('tells the mediator what to do next when stuck in agent mode, not to show the screen to a mediator', async () => {
    setPreferences({ mode: 'agent' })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const { wrapper } = mounted
    await wrapper.get('[data-testid=stuck]').trigger('click')
    await settle()
    const screen = wrapper.get('[data-testid=stuck-screen]')
    expect(screen.get('h1').text()).toBe('La personne est bloquée')
    expect(screen.text()).not.toMatch(/médiateur|Votre progression/)
    expect(screen.text()).toContain('« Non résolu »')
    expect(screen.text()).toContain('orientez la personne')
    expect(screen.get('[data-testid=log-not-solved]').attributes('href')).toBe(`/accompaniments/new?scenarios=${SCENARIO_ID}`)
  })

  it('offers to log the accompaniment at the end in agent mode only', async () => {
    setPreferences({ mode: 'agent' })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/lire`)
    await mounted.wrapper.get('[data-testid=next]').trigger('click')
    await settle()
    const link = mounted.wrapper.get('[data-testid=log-session]')
    expect(link.attributes('href')).toBe(`/accompaniments/new?scenarios=${SCENARIO_ID}`)
    mounted.wrapper.unmount()
    setPreferences({ mode: 'citizen' })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/bravo`)
    expect(mounted.wrapper.find('[data-outcome]').exists()).toBe(true)
    expect(mounted.wrapper.find('[data-testid=log-session]').exists()).toBe(false)
  })

  it('shows a step in English only when all of it is translated, else the whole step in French', async () => {
    setPreferences({ mode: 'agent', locale: 'en' })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const title = mounted.wrapper.get('[data-testid=step-title]')
    expect(title.text()).toBe('Switch on your phone')
    expect(title.attributes('lang')).toBe('en')
    expect(mounted.wrapper.get('[data-testid=step-body]').attributes('lang')).toBe('en')
    // The mediator's note is not translated: it alone stays French.
    expect(mounted.wrapper.get('[data-testid=agent-note] .markdown').attributes('lang')).toBe('fr')
    mounted.wrapper.unmount()
    // « trouver-application » has an English title and checkpoint but no English body: all French.
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/trouver-application`)
    const step = mounted.wrapper.get('[data-step=trouver-application]')
    expect(mounted.wrapper.get('[data-testid=step-title]').text()).toBe('Trouvez l’application de messagerie')
    const langs = step.findAll('[lang]').map((element) => element.attributes('lang'))
    expect(langs.length).toBeGreaterThan(4)
    expect(new Set(langs)).toEqual(new Set(['fr']))
    expect(mounted.wrapper.findAll('[data-testid=choice]').map((c) => c.text())).toEqual(['Oui, je la vois', 'Non, je ne la trouve pas'])
  })

  it('marks a French step ltr inside the Arabic interface', async () => {
    setPreferences({ mode: 'agent', locale: 'ar' })
    mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
    const title = mounted.wrapper.get('[data-testid=step-title]')
    expect(title.attributes('lang')).toBe('fr')
    expect(title.attributes('dir')).toBe('ltr')
    expect(mounted.wrapper.get('[data-testid=step-body]').attributes('dir')).toBe('ltr')
  })

  it('reads the step aloud only where a voice speaks its language', async () => {
    const speech = fakeSpeech(['fr-FR'])
    try {
      mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
      await mounted.wrapper.get('[data-testid=read-aloud]').trigger('click')
      expect(speech.spoken[0]?.lang).toBe('fr')
      expect(speech.spoken[0]?.text).toContain('Allumez votre téléphone')
      expect(speech.spoken[0]?.text).not.toContain('**')
    } finally {
      speech.uninstall()
    }
    const english = fakeSpeech(['en-GB'])
    try {
      mounted.wrapper.unmount()
      mounted = await openPlayer(`/scenarios/${SCENARIO_ID}/allumer`)
      expect(mounted.wrapper.find('[data-testid=read-aloud]').exists()).toBe(false)
    } finally {
      english.uninstall()
    }
  })

  it('says so when the scenario does not exist', async () => {
    freshScenarioWorld(fixtureContent())
    mounted = await openPlayer('/scenarios/inconnu/debut')
    expect(mounted.wrapper.text()).toContain('Parcours introuvable')
  })
})
