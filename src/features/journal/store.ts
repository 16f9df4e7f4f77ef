// The list of my logs and workshops: period, filters, and pages loaded so far (live).
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { addMonths, today } from '@/lib/dates'
import { useLiveQuery } from '@/db/useLiveQuery'
import { listActivities, type Activity, type ActivityFilters } from '@/features/journal/activities'
import { listOpenFollowUps } from '@/features/journal/followUps'
import type { Accompaniment } from '@/schemas/accompaniment'

export const PAGE_SIZE = 50

export const useActivityListStore = defineStore('activityList', () => {
  const filters = reactive<ActivityFilters>({ from: addMonths(today(), -3), to: today(), kind: 'all', theme: null, outcome: null })
  const pages = ref(1)
  // One more than shown tells whether another page exists.
  const { data, ready, error } = useLiveQuery<Activity[]>(
    () => listActivities({ ...filters }, pages.value * PAGE_SIZE + 1),
    [],
    [() => ({ ...filters }), pages],
  )
  // Follow-ups to do, whatever the period shown: a follow-up is never out of sight.
  const { data: followUps, ready: followUpsReady } = useLiveQuery<Accompaniment[]>(listOpenFollowUps, [])
  const items = computed(() => data.value.slice(0, pages.value * PAGE_SIZE))
  const hasMore = computed(() => data.value.length > pages.value * PAGE_SIZE)

  function setFilters(next: Partial<ActivityFilters>): void {
    Object.assign(filters, next)
    pages.value = 1
  }

  return { filters, items, hasMore, ready, error, followUps, followUpsReady, loadMore: () => (pages.value += 1), setFilters }
})
