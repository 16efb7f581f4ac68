/** Option labels, zh-CN first with the code. */
export const STATUS_LABELS: Record<string, string> = {
  open: '未处理 open',
  acknowledged: '已确认 acknowledged',
  resolved: '已解决 resolved',
}
export const SEVERITY_OPTION_LABELS: Record<string, string> = {
  info: '提示 info',
  warning: '警告 warning',
  critical: '严重 critical',
}
export const RULE_TYPE_LABELS: Record<string, string> = {
  low_balance: '低余额 low balance',
  abnormal_movement: '异常金额 abnormal movement',
  duplicate_receipt: '疑似重复到账 duplicate receipt',
  installment_over_payment: '分期多付 over-payment',
  installment_under_payment: '分期少付 under-payment',
  installment_non_payment: '分期未付 non-payment',
  installment_due_soon: '分期即将到期 due soon',
  installment_overdue: '分期逾期 overdue',
  stale_advance: '预收款长期未核销 stale advance',
  approval_pending: '审批超时 approval pending',
  overdraw_attempt: '超额尝试 overdraw attempt',
}
