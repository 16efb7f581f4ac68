/** Coded values of the report screens and their labels, zh-CN first with the code. */
export const KINDS = ['statements', 'exec_pack'] as const
export const LOCALES = ['zh-CN', 'en'] as const
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const

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

/** The report screens' words, zh-CN and English. */
export const reportTranslations = {
  'zh-CN': {
    labels: { reports: '报表', report_schedules: '报表计划', report_deliveries: '报表投递' },
    actions: { disable: '停用', resend: '重新发送' },
    messages: {
      scheduleSaved: '报表计划「{{name}}」已保存',
      scheduleDisabled: '报表计划「{{name}}」已停用',
      deliveryResent: '投递 #{{id}} 已重新发送（第 {{count}} 次发送）',
    },
    properties: {
      'kind.statements': '客户对账单',
      'kind.exec_pack': '管理层月报',
      'cron': '执行时间（cron）',
      'timezone': '时区',
      'periodRule': '报表期间',
      'locale': '语言',
      'customerIds': '客户编号（逗号分隔，留空 = 全部）',
      'recipients': '收件人',
      'enabled': '启用',
      'lastFiredAt': '上次执行',
      'nextRunAt': '下次执行',
      'runId': '批次',
      'attempts': '尝试次数',
      'sendCount': '发送次数',
      'error': '错误',
      'fileName': '文件名',
      'pdfSha256': 'SHA-256',
      'ledgerPosition': '账簿位置（所含最新凭证编号）',
      'messageId': '邮件 Message-ID',
      'pdf': 'PDF',
      'xlsx': '逐笔明细 (XLSX)',
      'sentAt': '发送时间',
      'to': '改发至（可选，逗号分隔邮箱）',
      'status.sent': '已发送',
      'status.failed': '失败',
    },
    resources: {
      report_schedules: {
        actions: { new: '新建报表计划' },
        properties: { kind: '报表类型' },
      },
      report_deliveries: { properties: { label: '投递' } },
    },
  },
  'en': {
    labels: {
      reports: 'Reports',
      report_schedules: 'Report schedules',
      report_deliveries: 'Deliveries',
    },
    actions: { disable: 'Disable', resend: 'Resend' },
    messages: {
      scheduleSaved: 'Schedule "{{name}}" saved',
      scheduleDisabled: 'Schedule "{{name}}" disabled',
      deliveryResent: 'Delivery #{{id}} resent (send #{{count}})',
    },
    properties: {
      cron: 'Runs at (cron)',
      timezone: 'Time zone',
      periodRule: 'Period',
      locale: 'Language',
      customerIds: 'Customer ids (comma-separated, blank = all)',
      recipients: 'Recipients',
      enabled: 'Enabled',
      lastFiredAt: 'Last run',
      nextRunAt: 'Next run',
      runId: 'Run',
      attempts: 'Attempts',
      sendCount: 'Times sent',
      error: 'Error',
      fileName: 'File name',
      pdfSha256: 'SHA-256',
      ledgerPosition: 'Ledger position (newest journal id included)',
      messageId: 'Message-ID',
      pdf: 'PDF',
      xlsx: 'All lines (XLSX)',
      sentAt: 'Sent at',
      to: 'Send to instead (optional, comma-separated)',
    },
    resources: {
      report_schedules: { actions: { new: 'New report schedule' }, properties: { kind: 'Report' } },
      report_deliveries: { properties: { label: 'Delivery' } },
    },
  },
}
