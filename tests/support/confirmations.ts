import type { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { customerWithJune } from '#tests/support/report_fixtures'
import type { CapturedMail } from '#tests/support/smtp_capture'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { RunService } from '#modules/reports/services/run_service'
import type { ScheduleRow } from '#modules/reports/services/schedule_service'

// 2025-07-01 08:00 Asia/Shanghai: "previous month" is June 2025
const JULY_FIRST = new Date('2025-07-01T00:00:00Z')

/** Runs a statements schedule for the customer (June 2025) and delivers it; returns the delivery. */
export async function sendJuneStatement(customerId: number, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const inserted = await db.rawQuery(
    `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, customer_ids, locale)
     VALUES ('confirmation test', 'statements', '0 8 1 * *', 'Asia/Shanghai', 'previous_month', ?, ?)
     RETURNING *`,
    [[customerId], locale]
  )
  const schedule = inserted.rows[0] as ScheduleRow
  const { run } = await new RunService().createRun(schedule, { at: JULY_FIRST, scheduledFor: null })
  const service = await app.container.make(DeliveryService)
  await service.drainRun(run.id)
  return db.from('report_deliveries').where('run_id', run.id).firstOrFail()
}

/** The confirmation link's path (/s/<token>) in a statement email. */
export function linkIn(mail: CapturedMail): string {
  const match = /https?:\/\/[^/\s]+(\/s\/[A-Za-z0-9._-]+)/.exec(mail.parsed.text ?? '')
  if (!match) throw new Error('the statement email carries no confirmation link')
  return match[1]
}

/** A customer with a June statement sent; the email and the link's path. */
export async function customerWithSentStatement(
  client: ApiClient,
  mails: CapturedMail[],
  locale: 'zh-CN' | 'en' = 'zh-CN'
) {
  const june = await customerWithJune(client)
  const before = mails.length
  const delivery = await sendJuneStatement(june.customer.id, locale)
  const mail = mails.slice(before).find((m) => m.parsed.attachments.length > 0)
  if (!mail) throw new Error('no statement email was sent')
  return { ...june, delivery, mail, path: linkIn(mail) }
}
