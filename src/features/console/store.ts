// The console's state: the signed-in coordinator and what the pages show. Views talk to this
// store; it talks to the server through api.ts. Nothing is kept on the device: the console is
// online only.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ConsoleError, getFile, getJson, sendFile, sendJson } from './api'
import type { ActivityReport, ConsoleSession, ExportFormat, PlacesUploadReport, ReportQuery, StructureSettings } from './types'
import {
  activityReportSchema, anyAnswerSchema, auditAnswerSchema, consoleSessionSchema, issuedCodeSchema, peopleAnswerSchema, placesOverviewSchema,
  placesUploadReportSchema, structureSettingsSchema,
} from '@/schemas/console'

const queryString = (query: ReportQuery) =>
  new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')).toString()

export const useConsoleStore = defineStore('console', () => {
  const session = ref<ConsoleSession | null>(null)
  /** True once the server has said whether a session is open. */
  const checked = ref(false)

  const base = () => {
    if (!session.value) throw new ConsoleError(401, 'signed_out', '')
    return `/api/console/structures/${encodeURIComponent(session.value.structure.id)}`
  }
  /** A 401 anywhere means the session is over: back to the sign-in form. */
  async function guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (error instanceof ConsoleError && error.status === 401) session.value = null
      throw error
    }
  }

  async function check(): Promise<void> {
    try {
      session.value = await getJson('/api/console/session', consoleSessionSchema)
    } catch (error) {
      if (!(error instanceof ConsoleError) || error.status !== 401) throw error
      session.value = null
    } finally {
      checked.value = true
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    session.value = await sendJson('POST', '/api/console/sign-in', consoleSessionSchema, { email, password })
  }

  async function activate(code: string, email: string, password: string): Promise<void> {
    session.value = await sendJson('POST', '/api/console/activate', consoleSessionSchema, { code, email, password })
  }

  async function signOut(): Promise<void> {
    try {
      await sendJson('POST', '/api/console/sign-out', anyAnswerSchema)
    } finally {
      session.value = null
    }
  }

  const changePassword = (current: string, next: string) => guard(() => sendJson('POST', '/api/console/password', anyAnswerSchema, { current, next }))
  const people = () => guard(async () => (await getJson(`${base()}/people`, peopleAnswerSchema)).people)
  const addPerson = (input: { name: string; role: string; email?: string | null }) => guard(() => sendJson('POST', `${base()}/people`, issuedCodeSchema, input))
  const issueCode = (userId: string) => guard(() => sendJson('POST', `${base()}/people/${encodeURIComponent(userId)}/code`, issuedCodeSchema))
  const setActive = (userId: string, active: boolean) =>
    guard(() => sendJson('POST', `${base()}/people/${encodeURIComponent(userId)}/${active ? 'reactivate' : 'deactivate'}`, anyAnswerSchema))
  const revokeDevice = (deviceId: string) => guard(() => sendJson('POST', `${base()}/devices/${encodeURIComponent(deviceId)}/revoke`, anyAnswerSchema))
  const settings = () => guard(() => getJson(`${base()}/settings`, structureSettingsSchema))
  async function saveSettings(next: StructureSettings): Promise<StructureSettings> {
    const saved = await guard(() => sendJson('PUT', `${base()}/settings`, structureSettingsSchema, next))
    if (session.value) session.value = { ...session.value, structure: { ...session.value.structure, name: saved.name } }
    return saved
  }
  const report = (query: ReportQuery) => guard(() => getJson(`${base()}/report?${queryString(query)}`, activityReportSchema) as Promise<unknown> as Promise<ActivityReport>)
  const exportFile = (format: ExportFormat, query: ReportQuery) => guard(() => getFile(`${base()}/export/${format}?${queryString(query)}`))
  const audit = (before?: string) => guard(() => getJson(`${base()}/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`, auditAnswerSchema))
  const places = () => guard(() => getJson(`${base()}/places`, placesOverviewSchema))
  const setPlacesDepartements = (departements: string[]) => guard(() => sendJson('PUT', `${base()}/places/departements`, placesOverviewSchema, { departements }))
  /** `kind` from the file's name (the server also reads the content); `replace` removes what the file no longer lists. */
  function uploadPlaces(file: File, replace: boolean): Promise<PlacesUploadReport> {
    const kind = /\.(geo)?json$/i.test(file.name) ? 'json' : /\.csv$/i.test(file.name) ? 'csv' : null
    const query = new URLSearchParams({ ...(kind ? { kind } : {}), ...(replace ? { replace: '1' } : {}) }).toString()
    return guard(() => sendFile(`${base()}/places${query ? `?${query}` : ''}`, file, placesUploadReportSchema))
  }

  return { session, checked, check, signIn, activate, signOut, changePassword, people, addPerson, issueCode, setActive, revokeDevice, settings, saveSettings, report, exportFile, audit, places, setPlacesDepartements, uploadPlaces }
})
