// Scenario progress on this device (table scenarioProgress): the only file of the feature that
// touches the database. Records are plain objects; callers pass no reactive proxies.
import type { Table } from 'dexie'
import { db } from '@/db/database'
import { parseProgress, type ScenarioProgress } from '@/features/scenarios/progress'

function table(): Table<ScenarioProgress, string> {
  return db().table('scenarioProgress')
}

export async function loadProgress(scenarioId: string): Promise<ScenarioProgress | undefined> {
  return parseProgress(await table().get(scenarioId))
}

export async function saveProgress(progress: ScenarioProgress): Promise<void> {
  // A structured clone of plain data only: history and answers are copied, never shared.
  await table().put({ ...progress, history: [...progress.history], answers: { ...progress.answers } })
}

export async function deleteProgress(scenarioId: string): Promise<void> {
  await table().delete(scenarioId)
}

/** The most recently used scenarios' progress, newest first. */
export async function recentProgress(limit: number): Promise<ScenarioProgress[]> {
  const rows = await table().orderBy('updatedAt').reverse().limit(limit).toArray()
  return rows.flatMap((row) => parseProgress(row) ?? [])
}
