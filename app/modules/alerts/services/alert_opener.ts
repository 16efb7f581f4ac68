import app from '@adonisjs/core/services/app'
import { companyToday } from '#kernel/company'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { OutboxReaction } from '#modules/outbox/public'
import type { MessageParams } from '#modules/alerts/messages'
import type { SubjectType } from '#modules/alerts/rule_types'
import { AlertNotifier } from '#modules/alerts/services/alert_notifier'
import { alertView } from '#modules/alerts/services/alert_views'

/** What another module reports as an alert (its rule is found by code). */
export interface RaisedAlert {
  ruleCode: string
  subjectType: SubjectType
  subjectId: number
  customerId: number | null
  messageKey: string
  params: MessageParams
}

/**
 * The public way for other modules to open an alert in THEIR transaction (a statement dispute
 * opens one together with the answer): audited and published as `alert.opened` with it. Returns
 * null when the rule is disabled or the subject already has an unresolved alert of that rule.
 * The email to the sales owner and finance goes after the commit through the outbox
 * (`alertEmailsForRaisedAlerts`).
 */
export async function raiseAlert(uow: UnitOfWork, raised: RaisedAlert) {
  const result = await uow.trx.rawQuery(
    `INSERT INTO alerts (rule_id, rule_type, severity, subject_type, subject_id, customer_id,
                         message_key, params, as_of)
     SELECT r.id, r.rule_type, r.severity, ?, ?, ?, ?, ?::jsonb, ?::date
       FROM alert_rules r WHERE r.code = ? AND r.enabled
     ON CONFLICT (rule_id, subject_type, subject_id) WHERE status <> 'resolved' DO NOTHING
     RETURNING *`,
    [
      raised.subjectType,
      raised.subjectId,
      raised.customerId,
      raised.messageKey,
      JSON.stringify(raised.params),
      companyToday(),
      raised.ruleCode,
    ] as any[]
  )
  if (!result.rows[0]) return null
  const view = alertView({ ...result.rows[0], rule_code: raised.ruleCode })
  uow.audit({ entityType: 'alert', entityId: view.id, action: 'open', after: view })
  uow.publish({ type: 'alert.opened', customerId: view.customerId, data: view })
  return view
}

/** Rules whose alerts are opened by raiseAlert (the evaluator emails its own after its pass). */
const RAISED_RULE_TYPES = new Set(['statement_disputed'])

/** Emails raised alerts after their commit; sendInstant skips alerts already emailed. */
export const alertEmailsForRaisedAlerts: OutboxReaction = {
  name: 'alert-emails-for-raised-alerts',
  types: ['alert.opened'],
  async handle(events) {
    const ids = events
      .filter((event) => RAISED_RULE_TYPES.has(String(event.data.ruleType)))
      .map((event) => Number(event.data.id))
    if (ids.length === 0) return
    const notifier = await app.container.make(AlertNotifier)
    return async () => {
      await notifier.sendInstant(ids)
    }
  },
}
