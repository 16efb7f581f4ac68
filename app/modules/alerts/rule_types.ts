/**
 * The kinds of alert (预警) the evaluator knows, when each is checked, and the default rules seeded
 * by the migration. Admins may add more rules of a type (other parameters, other severity).
 */
export const SEVERITIES = ['info', 'warning', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** What an alert is about; `customer_currency`: a customer's limits in a currency other than its default. */
export type SubjectType =
  | 'customer'
  | 'project'
  | 'installment'
  | 'approval'
  | 'journal'
  | 'statement'
  | 'customer_currency'

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/**
 * `posting`: checked right after each posting (for that customer, as of the entry date);
 * `schedule`: checked by the scheduled evaluation (all customers, as of a date);
 * `overdraw`: recorded when the ledger refuses a movement for lack of balance or credit.
 */
export type Trigger = 'posting' | 'schedule' | 'overdraw'

export const RULE_TYPES = {
  low_balance: { triggers: ['posting', 'schedule'] },
  abnormal_movement: { triggers: ['posting'] },
  duplicate_receipt: { triggers: ['posting'] },
  installment_over_payment: { triggers: ['posting', 'schedule'] },
  installment_under_payment: { triggers: ['posting', 'schedule'] },
  installment_non_payment: { triggers: ['schedule'] },
  installment_due_soon: { triggers: ['schedule'] },
  installment_overdue: { triggers: ['schedule'] },
  stale_advance: { triggers: ['schedule'] },
  approval_pending: { triggers: ['schedule'] },
  overdraw_attempt: { triggers: ['overdraw'] },
  // opened by the customer's answer on the statement confirmation page, never by the evaluator
  statement_disputed: { triggers: [] },
} as const satisfies Record<string, { triggers: readonly Trigger[] }>

export type RuleType = keyof typeof RULE_TYPES
export const RULE_TYPE_NAMES = Object.keys(RULE_TYPES) as RuleType[]

export function ruleTypesFor(trigger: Trigger): RuleType[] {
  return RULE_TYPE_NAMES.filter((type) =>
    (RULE_TYPES[type].triggers as readonly Trigger[]).includes(trigger)
  )
}

/**
 * Parameters per rule. Amounts are decimal strings (base currency); counts are integers.
 *  - low_balance: below the customer's low-balance line in a currency (available balance);
 *    with contractPercent also a project whose balance is below that % of its contract amount.
 *  - abnormal_movement: a receipt/application above absoluteAmount (base currency) or above
 *    `multiple` × the median of the customer's earlier ones (the latest 100; needs minHistory of them).
 *  - installment_due_soon: outstanding and due within `days`; installment_non_payment: nothing paid
 *    `days` after the due date; stale_advance: money held longer than `days` without being applied;
 *    approval_pending: a request pending longer than `hours`.
 */
export interface RuleParams {
  contractPercent?: string | null
  kind?: 'receipt' | 'application'
  multiple?: string
  absoluteAmount?: string
  minHistory?: number
  days?: number
  hours?: number
}

export interface DefaultRule {
  code: string
  ruleType: RuleType
  nameZh: string
  nameEn: string
  severity: Severity
  params: RuleParams
}

export const DEFAULT_RULES: DefaultRule[] = [
  {
    code: 'low_balance',
    ruleType: 'low_balance',
    nameZh: '余额不足',
    nameEn: 'Low balance',
    severity: 'warning',
    params: { contractPercent: null },
  },
  {
    code: 'abnormal_receipt',
    ruleType: 'abnormal_movement',
    nameZh: '异常到账',
    nameEn: 'Abnormal receipt',
    severity: 'warning',
    params: { kind: 'receipt', multiple: '5', absoluteAmount: '1000000', minHistory: 3 },
  },
  {
    code: 'abnormal_application',
    ruleType: 'abnormal_movement',
    nameZh: '异常核销',
    nameEn: 'Abnormal application',
    severity: 'warning',
    params: { kind: 'application', multiple: '5', absoluteAmount: '1000000', minHistory: 3 },
  },
  {
    code: 'duplicate_receipt',
    ruleType: 'duplicate_receipt',
    nameZh: '疑似重复登记',
    nameEn: 'Duplicate-looking receipt',
    severity: 'warning',
    params: {},
  },
  {
    code: 'installment_over_payment',
    ruleType: 'installment_over_payment',
    nameZh: '分期多付',
    nameEn: 'Installment over-payment',
    severity: 'info',
    params: {},
  },
  {
    code: 'installment_under_payment',
    ruleType: 'installment_under_payment',
    nameZh: '分期少付',
    nameEn: 'Installment under-payment',
    severity: 'warning',
    params: {},
  },
  {
    code: 'installment_non_payment',
    ruleType: 'installment_non_payment',
    nameZh: '分期未付',
    nameEn: 'Installment not paid',
    severity: 'critical',
    params: { days: 30 },
  },
  {
    code: 'installment_due_soon',
    ruleType: 'installment_due_soon',
    nameZh: '分期即将到期',
    nameEn: 'Installment due soon',
    severity: 'info',
    params: { days: 3 },
  },
  {
    code: 'installment_overdue',
    ruleType: 'installment_overdue',
    nameZh: '分期逾期',
    nameEn: 'Installment overdue',
    severity: 'warning',
    params: {},
  },
  {
    code: 'stale_advance',
    ruleType: 'stale_advance',
    nameZh: '预收款长期未核销',
    nameEn: 'Stale unapplied advance',
    severity: 'info',
    params: { days: 90 },
  },
  {
    code: 'approval_pending',
    ruleType: 'approval_pending',
    nameZh: '审批超时',
    nameEn: 'Approval pending too long',
    severity: 'warning',
    params: { hours: 24 },
  },
  {
    code: 'overdraw_attempt',
    ruleType: 'overdraw_attempt',
    nameZh: '超额支取 / 超信用额度',
    nameEn: 'Overdraw or credit-limit breach attempt',
    severity: 'critical',
    params: {},
  },
]
