import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { company } from '#kernel/company'
import { sendMail } from '#kernel/mailer'
import { localeOf, t, type Locale } from '#kernel/i18n'
import { notificationMessage } from '#modules/notifications/services/notification_views'

/** A claim older than this was taken by a process that died mid-send: the email is due again. */
const RECLAIM_AFTER = '5 minutes'
/** After this many failed sends the email is given up (the in-app row stays). */
const MAX_ATTEMPTS = 8

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * Sends the notifications' emails, at least once: a row is claimed (pending → sending) before
 * its email goes out and marked sent after, so two senders never take the same row; a sender
 * dying mid-send leaves a claim that is taken again later. Each email carries a stable Message-ID
 * (one per notification) for mail systems to de-duplicate a resend.
 */
export class NotificationMailer {
  /** Sends the due emails (of the given rows, or every due one); returns the number sent. */
  async sendDue(ids?: number[]): Promise<number> {
    const claimed = await db.rawQuery(
      `UPDATE notifications n SET email_state = 'sending', email_claimed_at = now(),
              email_attempts = email_attempts + 1
         FROM users u
        WHERE u.id = n.user_id AND n.id IN (
              SELECT id FROM notifications
               WHERE (email_state = 'pending'
                      OR (email_state = 'sending' AND email_claimed_at < now() - interval '${RECLAIM_AFTER}'))
                 AND (?::bigint[] IS NULL OR id = ANY(?::bigint[]))
               ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING n.id, n.kind, n.params, n.email_attempts, u.email, u.full_name, u.locale`,
      [ids ?? null, ids ?? null]
    )
    let sent = 0
    for (const row of claimed.rows) {
      try {
        await this.send(row)
        await db.rawQuery(
          "UPDATE notifications SET email_state = 'sent', emailed_at = now(), email_error = NULL WHERE id = ?",
          [row.id]
        )
        sent++
      } catch (error) {
        logger.warn({ err: error, notification: row.id }, 'notification email not sent')
        await db.rawQuery(
          `UPDATE notifications SET email_error = ?,
                  email_state = CASE WHEN email_attempts >= ? THEN 'failed' ELSE 'pending' END
            WHERE id = ?`,
          [String(error).slice(0, 1000), MAX_ATTEMPTS, row.id]
        )
      }
    }
    return sent
  }

  private async send(row: any) {
    const locale: Locale = localeOf(row.locale)
    const message = notificationMessage(row.kind, row.params, locale)
    const label = t(locale, `notifications.kinds.${row.kind}`)
    const url = `${env.get('APP_URL') ?? 'http://localhost:3333'}/admin/pages/notifications`
    const lines = [
      t(locale, 'notifications.email.greeting', { name: row.full_name }),
      '',
      message,
      '',
      t(locale, 'notifications.email.open', { url }),
      '',
      t(locale, 'notifications.email.footer', { company: company.name }),
      '',
    ]
    await sendMail({
      to: [{ address: row.email, name: row.full_name }],
      subject: t(locale, 'notifications.email.subject', { label, message }),
      text: lines.join('\n'),
      html: lines
        .filter(Boolean)
        .map((line) => `<p>${escapeHtml(line)}</p>`)
        .join(''),
      headers: { 'X-Notification-Id': String(row.id), 'Content-Language': locale },
      messageId: `<notification-${row.id}@advance-ledger.local>`,
    })
  }
}

export const notificationMailer = new NotificationMailer()
