import { outboxDispatcher } from '#modules/outbox/outbox_dispatcher'
import { purgeOutbox } from '#modules/outbox/outbox_retention'
import type { PollingJob } from '#modules/worker/public'

/**
 * The outbox's worker job: dispatch what web processes committed but did not dispatch themselves
 * (they died after the commit, or another dispatcher held the lock). Cheap when idle: one indexed
 * read of the undispatched events per second.
 */
export const outboxJobs: PollingJob[] = [
  { name: 'outbox-dispatch', everyMs: 1000, handler: () => outboxDispatcher.drain() },
  // retention: finished events and delivery logs past OUTBOX_RETENTION_DAYS, hourly in batches
  { name: 'outbox-retention', everyMs: 3_600_000, handler: () => purgeOutbox() },
]
