// A section another feature adds to the Settings screen, shown in the given modes.
import type { Component } from 'vue'
import type { Mode } from './preferences'

export interface SettingsSection {
  id: string
  component: Component
  /** Shown only in these modes (all modes when omitted). */
  modes?: readonly Mode[]
}
