/**
 * The alert module's scheduled jobs (alert_jobs.ts; pg-boss cron, company time zone): the
 * time-based alert rules every hour (approval waits are counted in hours), the daily digest at 08:00, and every 10 minutes the
 * expiry of approval requests past their deadline (which releases their reserved amounts).
 */
export const ALERT_SCHEDULES = [
  { name: 'alerts-evaluate', cron: '5 * * * *' },
  { name: 'alerts-digest', cron: '0 8 * * *' },
  { name: 'approvals-expire', cron: '*/10 * * * *' },
] as const

export type AlertJobName = (typeof ALERT_SCHEDULES)[number]['name']
