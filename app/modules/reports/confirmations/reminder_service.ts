import env from '#start/env'
import { company } from '#kernel/company'
import { sendMail } from '#kernel/mailer'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { deliveryLink } from '#modules/reports/services/delivery_message'

/** Days without an answer before the one reminder (STATEMENT_REMINDER_DAYS, default 7). */
export function reminderDays(): number {
  return env.get('STATEMENT_REMINDER_DAYS') ?? 7
}

/**
 * Reminds customers who have not answered a statement after N days, once per statement (a
 * reopened statement may be reminded again). Each reminder: the row is locked (SKIP LOCKED: any
 * number of workers), the mail sent, then `reminded_at` and the audit row committed together; a
 * failed mail leaves the row for the next poll. Superseded and answered statements are skipped,
 * and so are links that have expired.
 */
export class ReminderService {
  async remindDue(now = new Date(), limit = 50): Promise<number> {
    let sent = 0
    while (sent < limit && (await this.remindOne(now))) sent++
    return sent
  }

  private remindOne(now: Date): Promise<boolean> {
    return runInTransaction(systemActor('statement-reminders'), async (uow) => {
      const due = await uow.trx.rawQuery(
        `SELECT sc.delivery_id, d.id, d.customer_id, d.recipients, d.cc, d.locale, d.pdf_sha256,
                d.link_expires_at, sc.period_from::text, sc.period_to::text
           FROM statement_confirmations sc JOIN report_deliveries d ON d.id = sc.delivery_id
          WHERE sc.status IN ('sent', 'viewed') AND sc.reminded_at IS NULL
            AND sc.sent_at <= :now::timestamptz - make_interval(days => :days)
            AND d.link_expires_at > :now::timestamptz
          ORDER BY sc.sent_at LIMIT 1
          FOR UPDATE OF sc SKIP LOCKED`,
        { now, days: reminderDays() } as any
      )
      const row = due.rows[0]
      if (!row) return false
      const { messageId } = await sendMail(reminderMessage(row))
      await uow.trx.rawQuery(
        'UPDATE statement_confirmations SET reminded_at = ?, updated_at = now() WHERE delivery_id = ?',
        [now, row.delivery_id]
      )
      uow.audit({
        entityType: 'statement_confirmation',
        entityId: row.delivery_id,
        action: 'remind',
        after: { recipients: row.recipients, cc: row.cc, messageId },
      })
      return true
    })
  }
}

function reminderMessage(row: any) {
  const zh = row.locale !== 'en'
  const link = deliveryLink(row)
  const period = `${row.period_from} — ${row.period_to}`
  return {
    to: row.recipients as string[],
    ...(row.cc?.length ? { cc: row.cc as string[] } : {}),
    subject: zh
      ? `【${company.name}】对账单待确认提醒 ${period}`
      : `[${company.name}] Reminder: your statement ${period} awaits your answer`,
    text: zh
      ? `您好：\n\n我司于近期发送的 ${period} 预付款对账单尚未收到贵司的确认。请点击以下链接核对并确认或提出异议：\n${link}\n\n${company.name} 财务部`
      : `Dear customer,\n\nwe have not yet received your answer to the statement of advances for ${period}. Please confirm it or tell us of a difference here:\n${link}\n\n${company.name}, Finance`,
    headers: { 'X-Report-Delivery': String(row.delivery_id), 'X-Statement-Reminder': '1' },
  }
}
