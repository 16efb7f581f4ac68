import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { ApprovalView } from '#modules/approvals/approval_view'
import { sendMail } from '#kernel/mailer'
import { publicUrl } from '#kernel/public_url'

const ACTION_NAMES: Record<string, { zh: string; en: string }> = {
  refund: { zh: '退款', en: 'refund' },
  adjustment: { zh: '调整', en: 'adjustment' },
  reversal: { zh: '红冲', en: 'reversal' },
  application: { zh: '大额核销', en: 'large application' },
  credit_limit_change: { zh: '信用额度变更', en: 'credit limit change' },
  customer_deactivation: { zh: '客户停用', en: 'customer deactivation' },
}

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

function message(approval: ApprovalView, customer: { code: string; name: string }, locale: string) {
  const action = ACTION_NAMES[approval.actionType] ?? {
    zh: approval.actionType,
    en: approval.actionType,
  }
  const amount = approval.amount ? `${approval.amount} ${approval.currency}` : ''
  const level = `${approval.currentLevel}/${approval.levels.length}`
  // the phone page (login required): the same rules as the panel and the API
  const link = publicUrl(`/m/approvals/${approval.id}`)
  if (locale === 'en') {
    return {
      subject: `[Approval #${approval.id}] ${action.en} ${amount} for ${customer.name} awaits you`,
      text: `A ${action.en} request (#${approval.id}, level ${level}) for ${customer.code} ${customer.name} ${amount} awaits your decision.\nOn your phone: ${link}\nReview it in the back-office (/admin) or via POST /api/v1/approvals/${approval.id}/approve|reject.`,
    }
  }
  return {
    subject: `【待审批 #${approval.id}】${customer.name} ${action.zh} ${amount}`,
    text: `${customer.code} ${customer.name} 的${action.zh}申请（审批单 #${approval.id}，第 ${level} 级）${amount} 等待您审批。\n手机审批：${link}\n请在后台 (/admin) 处理，或调用 POST /api/v1/approvals/${approval.id}/approve|reject。`,
  }
}
