// Read-aloud with the Web Speech API. Offered only when the device has a voice for the language
// of the text being read (a French fallback string is read in French, not with an Arabic voice).
import { onBeforeUnmount, onMounted, ref } from 'vue'

/** True when one of the voices speaks this language (`fr` matches fr-FR, fr-CA…). */
export function hasVoiceFor(voices: readonly Pick<SpeechSynthesisVoice, 'lang'>[], lang: string): boolean {
  const wanted = lang.toLowerCase()
  return voices.some((voice) => {
    const have = voice.lang.toLowerCase().replace('_', '-')
    return have === wanted || have.startsWith(`${wanted}-`)
  })
}

export function useReadAloud() {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined
  const voices = ref<Pick<SpeechSynthesisVoice, 'lang' | 'name'>[]>([])
  const speaking = ref(false)

  const refresh = () => {
    voices.value = synth?.getVoices().map((voice) => ({ lang: voice.lang, name: voice.name })) ?? []
  }
  onMounted(() => {
    refresh()
    // Chrome fills the voice list asynchronously.
    synth?.addEventListener?.('voiceschanged', refresh)
  })

  function canRead(lang: string): boolean {
    return synth !== undefined && hasVoiceFor(voices.value, lang)
  }

  function stop(): void {
    synth?.cancel()
    speaking.value = false
  }

  function read(text: string, lang: string): void {
    if (!synth) return
    stop()
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.lang = lang
    const voice = synth.getVoices().find((v) => hasVoiceFor([v], lang))
    if (voice) utterance.voice = voice
    utterance.onend = () => (speaking.value = false)
    utterance.onerror = () => (speaking.value = false)
    speaking.value = true
    synth.speak(utterance)
  }

  onBeforeUnmount(() => {
    synth?.removeEventListener?.('voiceschanged', refresh)
    if (speaking.value) stop()
  })

  return { canRead, read, stop, speaking }
}
