import { panelText } from '#modules/admin/panel/panel_catalogue'
import type { Locale } from '#kernel/i18n'

/** Option labels, zh-CN first with the code (as the core resources do). */
export const ACTION_LABELS: Record<string, string> = {
  refund: '退款 refund',
  adjustment: '调整 adjustment',
  reversal: '红冲 reversal',
  application: '核销 application',
  credit_limit_change: '信用额度变更 credit limit',
  customer_deactivation: '客户停用 deactivation',
  opening_import: '期初余额导入 opening balance import',
  unapplication: '反核销 un-application',
}
export const STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'expired']
export const STATUS_LABELS: Record<string, string> = {
  pending: '待审批 pending',
  approved: '已批准 approved',
  rejected: '已驳回 rejected',
  cancelled: '已撤回 cancelled',
  expired: '已过期 expired',
}
export const DECISION_LABELS: Record<string, string> = { approve: '批准', reject: '驳回' }

/** A role's label in the reader's language from the panel catalogue (panel.json `properties`). */
export const roleLabel = (role: string, locale: Locale) =>
  panelText(locale, 'properties', `role.${role}`, role)
/** A field's zh-CN label from the panel catalogue (panel.json `properties`). */
export const fieldLabel = (key: string) => panelText('zh-CN', 'properties', key, key)
