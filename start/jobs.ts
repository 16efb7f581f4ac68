/*
| Background work: one entry per module. `node ace worker` (and `npm start`, in-process) runs every
| job listed here; to add one, export a JobModule factory (app/modules/worker/background_job.ts)
| and add its import below.
*/
import type { JobModule, WorkerSettings } from '#modules/worker/background_job'

export const jobModules: Array<
  () => Promise<{ default: (settings: WorkerSettings) => JobModule }>
> = [
  // scheduled statements and executive packs: the per-minute tick and run deliveries
  () => import('#modules/reports/report_jobs_module'),
  // time-based alert rules, the daily digest, approval expiry
  () => import('#modules/alerts/alert_jobs'),
  // events committed with their changes: alert checks after postings, the webhook fan-out
  () => import('#modules/outbox/outbox_jobs_module'),
  // webhook deliveries that are due
  () => import('#modules/webhooks/webhook_jobs_module'),
  // notification emails not sent right after their dispatch (retries)
  () => import('#modules/notifications/notification_jobs_module'),
  // the nightly full audit-chain verification and the runs people request
  () => import('#modules/audit/audit_jobs_module'),
  // the daily backup and its retention
  () => import('#modules/backup/backup_jobs_module'),
]
