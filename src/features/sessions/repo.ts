// Accompaniment logs on this device: save (with its outbox entry), read, list, delete, purge.
import type { Derived } from '@/features/sync/outbox'
import { activityDaysDerivation } from '@/features/stats/days'
import { datedRecordRepository } from '@/features/sync/records'
import { sessionContentSchema, sessionLogSchema, type SessionContent, type SessionLog } from './schema'

const repository = datedRecordRepository<SessionContent, SessionLog>({
  table: 'sessionLogs',
  kind: 'individuel',
  parseContent: (content) => sessionContentSchema.parse(content),
  parseRecord: (record) => sessionLogSchema.parse(record),
  // Per-day statistics move with every write, in the same transaction.
  derived: activityDaysDerivation as Derived<SessionLog>,
})

/** Validates and saves a log; throws a ZodError when the content is invalid. */
export const saveSessionLog = repository.save
export const getSessionLog = repository.get
export const deleteSessionLog = repository.remove
export const pageSessionLogs = repository.page
export const sessionLogsInPeriod = repository.inPeriod
export const countSessionLogsBefore = repository.countBefore
export const purgeSessionLogsBefore = repository.purgeBefore
