import type { Money } from '#kernel/money/money'
import { formatAmount, groupThousands } from '#kernel/money/money'

/**
 * Alert messages in zh-CN and English. An alert stores a message key and language-neutral params
 * (amounts already formatted with their currency); it is rendered in the reader's locale.
 */
export type Locale = 'zh-CN' | 'en'
export type MessageParams = Record<string, string | number>

const TEMPLATES: Record<string, { 'zh-CN': string; 'en': string }> = {
  low_balance: {
    'zh-CN': '{customer}：可用余额 {balance} 低于预警线 {threshold}',
    'en': '{customer}: available balance {balance} is below the low-balance line {threshold}',
  },
  low_balance_project: {
    'zh-CN': '{customer} 合同 {project}：余额 {balance} 低于合同金额的 {percent}%（{threshold}）',
    'en': '{customer}, contract {project}: balance {balance} is below {percent}% of the contract ({threshold})',
  },
  abnormal_absolute: {
    'zh-CN': '{customer}：{kindZh} {journalNo} 金额 {amount} 超过异常金额线 {limit}',
    'en': '{customer}: {kindEn} {journalNo} of {amount} exceeds the abnormal-amount line {limit}',
  },
  abnormal_median: {
    'zh-CN':
      '{customer}：{kindZh} {journalNo} 金额 {amount} 超过该客户中位数 {median} 的 {multiple} 倍',
    'en': "{customer}: {kindEn} {journalNo} of {amount} is more than {multiple}× the customer's median {median}",
  },
  duplicate_reference: {
    'zh-CN':
      '{customer}：到账 {journalNo} 与 {otherNo} 银行流水号相同（{reference}），疑似重复登记',
    'en': '{customer}: receipt {journalNo} has the same bank reference as {otherNo} ({reference}); possible duplicate',
  },
  duplicate_amount_day: {
    'zh-CN':
      '{customer}：到账 {journalNo} 与 {otherNo} 同日同金额（{date}，{amount}），疑似重复登记',
    'en': '{customer}: receipt {journalNo} has the same day and amount as {otherNo} ({date}, {amount}); possible duplicate',
  },
  installment_over_payment: {
    'zh-CN':
      '{customer} 合同 {project} 第 {seq} 期多付 {difference}（应付 {expected}，已付 {paid}）',
    'en': '{customer}, contract {project}: installment {seq} over-paid by {difference} (expected {expected}, paid {paid})',
  },
  installment_under_payment: {
    'zh-CN':
      '{customer} 合同 {project} 第 {seq} 期少付 {difference}（应付 {expected}，已付 {paid}）',
    'en': '{customer}, contract {project}: installment {seq} under-paid by {difference} (expected {expected}, paid {paid})',
  },
  installment_non_payment: {
    'zh-CN':
      '{customer} 合同 {project} 第 {seq} 期 {expected} 已于 {dueDate} 到期，{days} 天后仍未付款',
    'en': '{customer}, contract {project}: installment {seq} of {expected} was due on {dueDate}; nothing paid after {days} days',
  },
  installment_due_soon: {
    'zh-CN':
      '{customer} 合同 {project} 第 {seq} 期 {outstanding} 将于 {dueDate} 到期（{days} 天后）',
    'en': '{customer}, contract {project}: installment {seq} of {outstanding} is due in {days} days ({dueDate})',
  },
  installment_due_today: {
    'zh-CN': '{customer} 合同 {project} 第 {seq} 期 {outstanding} 今天（{dueDate}）到期',
    'en': '{customer}, contract {project}: installment {seq} of {outstanding} is due today ({dueDate})',
  },
  installment_overdue: {
    'zh-CN':
      '{customer} 合同 {project} 第 {seq} 期 {expected} 已于 {dueDate} 到期，尚未付款（逾期）',
    'en': '{customer}, contract {project}: installment {seq} of {expected} was due on {dueDate} and is unpaid (overdue)',
  },
  stale_advance: {
    'zh-CN': '{customer}：预收款 {amount} 已超过 {days} 天未核销',
    'en': '{customer}: {amount} of advances has been unapplied for more than {days} days',
  },
  approval_pending: {
    'zh-CN': '{customer}：审批申请 #{approvalId}（{action}）已等待超过 {hours} 小时',
    'en': '{customer}: approval request #{approvalId} ({action}) has been pending for more than {hours} hours',
  },
  overdraw_attempt: {
    'zh-CN':
      '{customer}：{kindZh} {amount} 超出可用额度（可用余额 + 可用信用额度 {headroom}），已被拒绝',
    'en': '{customer}: attempted {kindEn} of {amount} exceeds the headroom (available balance + usable credit: {headroom}); refused',
  },
}

const KINDS: Record<string, { zh: string; en: string }> = {
  receipt: { zh: '到账', en: 'receipt' },
  application: { zh: '核销', en: 'application' },
  refund: { zh: '退款', en: 'refund' },
  adjustment: { zh: '调整', en: 'adjustment' },
  reversal: { zh: '红冲', en: 'reversal' },
}

export const SEVERITY_LABELS: Record<string, { 'zh-CN': string; 'en': string }> = {
  info: { 'zh-CN': '提示', 'en': 'Info' },
  warning: { 'zh-CN': '警告', 'en': 'Warning' },
  critical: { 'zh-CN': '严重', 'en': 'Critical' },
}

export function localeOf(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

export function renderMessage(key: string, params: MessageParams, locale: Locale): string {
  const template = TEMPLATES[key]?.[locale] ?? key
  const kind = KINDS[String(params.kind)]
  const values: MessageParams = { ...params, kindZh: kind?.zh ?? '', kindEn: kind?.en ?? '' }
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    values[name] === undefined ? match : String(values[name])
  )
}

export function renderBoth(key: string, params: MessageParams) {
  return { 'zh-CN': renderMessage(key, params, 'zh-CN'), 'en': renderMessage(key, params, 'en') }
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: 'US$', EUR: '€', HKD: 'HK$', GBP: '£' }

/** An amount for people: currency symbol, thousands separators, the currency's decimals. */
export function displayMoney(value: string | Money, currency: string): string {
  const grouped = groupThousands(formatAmount(value, currency))
  const negative = grouped.startsWith('-')
  const symbol = SYMBOLS[currency] ?? `${currency} `
  return `${negative ? '-' : ''}${symbol}${negative ? grouped.slice(1) : grouped}`
}
