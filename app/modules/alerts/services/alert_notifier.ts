import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { company } from '#kernel/company'
import { sendMail } from '#kernel/mailer'
import { localeOf, SEVERITY_LABELS, type Locale } from '#modules/alerts/messages'
import { t } from '#kernel/i18n'
import {
  ALERT_SELECT,
  alertView,
  type AlertRecord,
  type AlertView,
} from '#modules/alerts/services/alert_views'

interface Recipient {
  id: number
  email: string
  fullName: string
  role: string
  locale: Locale
}

const FINANCE_ROLES = ['finance', 'finance_manager']

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * Email about alerts, to the people responsible: the customer's sales owner for every alert, and
 * finance (finance, finance_manager) for warnings and critical ones. One mail per person per run,
 * in the person's language; and a daily digest of everything still unresolved.
 */
@inject()
export class AlertNotifier {
  /** Emails the given new alerts (those whose rule sends email); returns the number of mails sent. */
  async sendInstant(alertIds: number[]): Promise<number> {
    const result = await db.rawQuery(
      `${ALERT_SELECT} WHERE a.id = ANY(?) AND a.emailed_at IS NULL AND r.send_email ORDER BY a.id`,
      [alertIds]
    )
    const rows: AlertRecord[] = result.rows
    if (rows.length === 0) return 0
    const owners = await this.ownersOf(rows)
    const finance = await this.financeUsers()
    const inbox = new Map<number, { to: Recipient; alerts: AlertRecord[] }>()
    for (const row of rows) {
      const people = [owners.get(Number(row.customer_id))]
      if (row.severity !== 'info') people.push(...finance)
      for (const person of people) {
        if (!person) continue
        const entry = inbox.get(person.id) ?? { to: person, alerts: [] }
        if (!entry.alerts.includes(row)) entry.alerts.push(row)
        inbox.set(person.id, entry)
      }
    }
    const sent = await this.mailEach(inbox.values(), (to, views) =>
      views.length === 1
        ? t(to.locale, 'alerts.email.instantOne', { message: views[0].message })
        : t(to.locale, 'alerts.email.instantMany', { count: views.length })
    )
    await db.rawQuery('UPDATE alerts SET emailed_at = now() WHERE id = ANY(?)', [
      rows.map((row) => Number(row.id)),
    ])
    return sent
  }

  /**
   * The daily digest: every unresolved alert to finance; sales owners get those of their own
   * customers. Nobody gets an empty digest. Returns the number of mails sent.
   */
  async sendDigest(asOf: string): Promise<number> {
    const result = await db.rawQuery(
      `${ALERT_SELECT} WHERE a.status <> 'resolved'
        ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.id`
    )
    const rows: AlertRecord[] = result.rows
    if (rows.length === 0) return 0
    const owners = await this.ownersOf(rows)
    const people = new Map<number, { to: Recipient; alerts: AlertRecord[] }>()
    for (const person of await this.financeUsers())
      people.set(person.id, { to: person, alerts: rows })
    for (const row of rows) {
      const owner = owners.get(Number(row.customer_id))
      if (!owner || FINANCE_ROLES.includes(owner.role)) continue
      const entry = people.get(owner.id) ?? { to: owner, alerts: [] }
      entry.alerts.push(row)
      people.set(owner.id, entry)
    }
    return this.mailEach(people.values(), (to, views) =>
      t(to.locale, 'alerts.email.digest', { date: asOf, count: views.length })
    )
  }

  /** One mail per person with alerts, in the person's language; returns the number sent. */
  private async mailEach(
    inboxes: Iterable<{ to: Recipient; alerts: AlertRecord[] }>,
    subjectFor: (to: Recipient, views: AlertView[]) => string
  ): Promise<number> {
    let sent = 0
    for (const { to, alerts } of inboxes) {
      if (alerts.length === 0) continue
      const views = alerts.map((row) => alertView(row, to.locale))
      await sendMail({
        to: [{ address: to.email, name: to.fullName }],
        ...this.body(to, subjectFor(to, views), views),
      })
      sent++
    }
    return sent
  }

  private body(to: Recipient, subject: string, alerts: AlertView[]) {
    const greeting = t(to.locale, 'alerts.email.greeting', { name: to.fullName })
    const footer = t(to.locale, 'alerts.email.footer', { company: company.name })
    const line = (a: AlertView) =>
      `[${SEVERITY_LABELS[a.severity][to.locale]}] #${a.id} ${a.message}`
    const text = [greeting, '', ...alerts.map(line), '', footer, ''].join('\n')
    const html = `<p>${escapeHtml(greeting)}</p><ul>${alerts
      .map((a) => `<li>${escapeHtml(line(a))}</li>`)
      .join('')}</ul><p>${escapeHtml(footer)}</p>`
    return { subject, text, html }
  }

  private async ownersOf(rows: AlertRecord[]): Promise<Map<number, Recipient>> {
    const ids = [...new Set(rows.map((row) => Number(row.customer_id)).filter(Boolean))]
    const result = await db.rawQuery(
      `SELECT c.id AS customer_id, u.id, u.email, u.full_name, u.role, u.locale
         FROM customers c JOIN users u ON u.id = c.sales_owner_id
        WHERE c.id = ANY(?) AND u.is_active`,
      [ids]
    )
    return new Map(result.rows.map((row: any) => [Number(row.customer_id), recipient(row)]))
  }

  private async financeUsers(): Promise<Recipient[]> {
    const result = await db.rawQuery(
      'SELECT id, email, full_name, role, locale FROM users WHERE is_active AND role = ANY(?) ORDER BY id',
      [FINANCE_ROLES]
    )
    return result.rows.map(recipient)
  }
}

function recipient(row: any): Recipient {
  return {
    id: Number(row.id),
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    locale: localeOf(row.locale),
  }
}
