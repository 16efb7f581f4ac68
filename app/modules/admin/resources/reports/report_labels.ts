/** Coded values of the report screens and their labels, zh-CN first with the code. */
export const KINDS = ['statements', 'exec_pack'] as const
export const LOCALES = ['zh-CN', 'en'] as const
export const RUN_STATUSES = ['running', 'completed', 'failed'] as const
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const
export const FORMATS = ['xlsx', 'csv'] as const

export const KIND_LABELS: Record<string, string> = {
  statements: '客户对账单 statements',
  exec_pack: '管理层月报 executive pack',
}
export const PERIOD_LABELS: Record<string, string> = {
  previous_month: '上月 previous month',
  previous_week: '上周 previous week',
  previous_quarter: '上季度 previous quarter',
}
export const LOCALE_LABELS: Record<string, string> = { 'zh-CN': '简体中文', 'en': 'English' }
export const DELIVERY_LABELS: Record<string, string> = {
  pending: '待发送 pending',
  sending: '发送中 sending',
  sent: '已发送 sent',
  failed: '失败 failed',
  skipped: '已跳过 skipped',
}
export const RUN_LABELS: Record<string, string> = {
  running: '进行中 running',
  completed: '已完成 completed',
  failed: '有失败 failed',
}
export const EXPORT_LABELS: Record<string, string> = {
  queued: '排队中 queued',
  running: '生成中 running',
  done: '已完成 done',
  failed: '失败 failed',
  expired: '文件已过期 expired',
}
export const GROUP_BY_LABELS: Record<string, string> = {
  customer: '按客户 by customer',
  project: '按项目 by project',
  period: '按月份 by month',
  channel: '按收款渠道 by channel',
  owner: '按销售负责人 by sales owner',
}
export const FORMAT_LABELS: Record<string, string> = { xlsx: 'Excel (XLSX)', csv: 'CSV' }
