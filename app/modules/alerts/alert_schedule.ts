import type PgBoss from 'pg-boss'

/**
 * The scheduler process's jobs (pg-boss cron, company time zone): the time-based alert rules every
 * hour (approval waits are counted in hours), the daily digest at 08:00, and every 10 minutes the
 * expiry of approval requests past their deadline (which releases their reserved amounts).
 */
export const ALERT_SCHEDULES = [
  { name: 'alerts-evaluate', cron: '5 * * * *' },
  { name: 'alerts-digest', cron: '0 8 * * *' },
  { name: 'approvals-expire', cron: '*/10 * * * *' },
] as const

export type AlertJobName = (typeof ALERT_SCHEDULES)[number]['name']

/** Creates the queues and (re)registers the cron schedules; safe to run on every start. */
export async function registerAlertSchedules(boss: PgBoss, timezone: string) {
  for (const { name, cron } of ALERT_SCHEDULES) {
    await boss.createQueue(name)
    await boss.schedule(name, cron, {}, { tz: timezone })
  }
}

/** Starts the workers: each job runs `handle(name)`; pg-boss retries a job whose handler throws. */
export async function workAlertJobs(boss: PgBoss, handle: (name: AlertJobName) => Promise<void>) {
  for (const { name } of ALERT_SCHEDULES) {
    await boss.work(name, async () => handle(name))
  }
}
