// Statistics and exports of a period, computed on the device from the live logs.
import { defineStore } from 'pinia'
import { computed, reactive } from 'vue'
import { i18n } from '@/ui/i18n'
import { toCsv, type CsvSeparator } from '@/lib/csv'
import { downloadText } from '@/lib/download'
import { endOfMonth, startOfMonth, today } from '@/lib/dates'
import { useLiveQuery } from '@/db/useLiveQuery'
import { accompanimentsRepo } from '@/features/accompaniments/repo'
import { workshopsRepo } from '@/features/workshops/repo'
import { listScenarios } from '@/features/scenarios/catalogueLookup'
import type { ListName } from '@/schemas/lists'
import type { Accompaniment } from '@/schemas/accompaniment'
import type { Workshop } from '@/schemas/workshop'
import { statsFromDays, type DayCounts, type Granularity } from '@/lib/activityStats'
import { ensureActivityDays, readActivityDays } from '@/features/journal/days'
import { exportJson, exportRows, exportTable, type ExportLabels } from '@/features/stats/exportRows'
import { summaryMonthOf } from '@/features/stats/statsRows'

async function periodRecords(from: string, to: string): Promise<{ sessions: Accompaniment[]; workshops: Workshop[] }> {
  const [sessions, workshops] = await Promise.all([accompanimentsRepo.inPeriod(from, to), workshopsRepo.inPeriod(from, to)])
  return { sessions, workshops }
}

/** Labels for exports: always the French labels of the national report, whatever the interface language. */
async function frenchLabels(): Promise<ExportLabels> {
  const t = (key: string) => i18n.global.t(key, {}, { locale: 'fr' })
  const titles = new Map((await listScenarios()).map((s) => [s.id, s.title]))
  return {
    label: (list: ListName, id: string) => t(`lists.${list}.${id}`),
    yes: t('stats.exports.yes'),
    no: t('stats.exports.no'),
    scenario: (id: string) => titles.get(id) ?? id,
  }
}

export const useStatsStore = defineStore('stats', () => {
  const period = reactive<{ from: string; to: string; granularity: Granularity }>({
    from: startOfMonth(today()).slice(0, 4) + '-01-01',
    to: today(),
    granularity: 'month',
  })
  // Statistics read the per-day counters (days.ts), not the records: a year stays fast.
  const daysReady = ensureActivityDays()
  const { data: days, ready } = useLiveQuery<DayCounts[]>(
    async () => {
      await daysReady
      return readActivityDays(period.from, period.to)
    },
    [],
    [() => [period.from, period.to]],
  )
  const stats = computed(() => statsFromDays(days.value, period))
  /** The month « Bilan mensuel » opens: the period's last month with activity (see summaryMonthOf). */
  const summaryMonth = computed(() => summaryMonthOf(days.value, period, today()))

  function setPeriod(from: string, to: string, granularity: Granularity = period.granularity): void {
    Object.assign(period, from <= to ? { from, to, granularity } : { from: to, to: from, granularity })
  }

  function setMonth(month: string): void {
    setPeriod(startOfMonth(`${month}-01`), endOfMonth(`${month}-01`), 'week')
  }

  const baseName = () => `tandem-activites-${period.from}_${period.to}`

  async function exportCsv(separator: CsvSeparator): Promise<number> {
    const { sessions, workshops } = await periodRecords(period.from, period.to)
    const rows = exportRows(sessions, workshops, await frenchLabels())
    const { headers, cells } = exportTable(rows)
    downloadText(`${baseName()}.csv`, toCsv(headers, cells, separator), 'text/csv;charset=utf-8')
    return rows.length
  }

  async function exportJsonFile(): Promise<number> {
    const { sessions, workshops } = await periodRecords(period.from, period.to)
    downloadText(`${baseName()}.json`, exportJson(sessions, workshops, { from: period.from, to: period.to, exportedAt: new Date().toISOString() }), 'application/json')
    return sessions.length + workshops.length
  }

  return { period, stats, summaryMonth, ready, setPeriod, setMonth, exportCsv, exportJson: exportJsonFile }
})
