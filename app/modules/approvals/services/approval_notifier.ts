import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { ApprovalView } from '#modules/approvals/approval_view'
import { sendMail } from '#kernel/mailer'
import { localeOf, t } from '#kernel/i18n'

interface Approver {
  email: string
  full_name: string
  locale: string
}

/**
 * Tells the people who may decide a request's current level that it waits for them (the in-app
 * inbox is GET /api/v1/approvals?awaitingMe=true). Mail goes through the shared mailer: SMTP when
 * configured, the outbox otherwise. Never throws: a notification must not undo a request.
 */
export async function notifyApprovers(approval: ApprovalView) {
  try {
    const level = approval.levels[approval.currentLevel - 1]
    const query = db
      .from('users')
      .select('email', 'full_name', 'locale')
      .where('is_active', true)
      .whereNot('id', approval.requestedBy)
    if (level.userId) query.where('id', level.userId)
    else query.where('role', level.role ?? '')
    const customer = await db
      .from('customers')
      .select('code', 'name')
      .where('id', approval.customerId)
      .first()
    for (const approver of (await query) as Approver[]) {
      await sendMail({
        to: [{ address: approver.email, name: approver.full_name }],
        ...message(approval, customer, approver.locale),
      })
    }
  } catch (error) {
    logger.error({ err: error, approvalId: approval.id }, 'approval notification failed')
  }
}

/** The mail to one approver, in their language (resources/lang/<locale>/approvals.json). */
function message(approval: ApprovalView, customer: { code: string; name: string }, locale: string) {
  const language = localeOf(locale)
  const key = `approvals.actions.${approval.actionType}`
  const values = {
    id: approval.id,
    code: customer.code,
    customer: customer.name,
    action: t(language, key, {}, approval.actionType),
    amount: approval.amount ? `${approval.amount} ${approval.currency}` : '',
    level: `${approval.currentLevel}/${approval.levels.length}`,
  }
  return {
    subject: t(language, 'approvals.email.awaiting.subject', values),
    text: t(language, 'approvals.email.awaiting.text', values),
  }
}
