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

/** The alerts screens' words, zh-CN and English. */
export const alertTranslations = {
  'zh-CN': {
    labels: { alerts: '预警', alert_rules: '预警规则' },
    actions: { acknowledge: '确认', resolve: '解决' },
    messages: {
      alertAcknowledged: '预警 #{{id}} 已确认',
      alertResolved: '预警 #{{id}} 已解决',
    },
    properties: {
      'severity': '级别',
      'ruleType': '规则类型',
      'ruleId': '规则',
      'message': '预警内容',
      'messageEn': '预警内容（英文）',
      'asOf': '业务日期',
      'acknowledgedAt': '确认时间',
      'acknowledgedBy': '确认人',
      'resolvedAt': '解决时间',
      'resolvedBy': '解决人',
      'resolutionNote': '处理说明',
      'note': '处理说明（可选）',
      'emailedAt': '邮件通知时间',
      'nameZh': '名称（中文）',
      'nameEn': '名称（英文）',
      'parametersJson': '参数（JSON，如 {"days": 30}）',
      'enabled': '启用',
      'sendEmail': '发送邮件',
      'status.acknowledged': '已确认',
      'status.resolved': '已解决',
    },
    resources: {
      alerts: { properties: { label: '预警', status: '状态' } },
      alert_rules: { actions: { new: '新建预警规则' } },
    },
  },
  'en': {
    labels: { alerts: 'Alerts', alert_rules: 'Alert rules' },
    actions: { acknowledge: 'Acknowledge', resolve: 'Resolve' },
    messages: {
      alertAcknowledged: 'Alert #{{id}} acknowledged',
      alertResolved: 'Alert #{{id}} resolved',
    },
    properties: {
      severity: 'Severity',
      ruleType: 'Rule type',
      ruleId: 'Rule',
      message: 'Message',
      messageEn: 'Message (English)',
      asOf: 'As of',
      acknowledgedAt: 'Acknowledged at',
      acknowledgedBy: 'Acknowledged by',
      resolvedAt: 'Resolved at',
      resolvedBy: 'Resolved by',
      resolutionNote: 'Resolution note',
      note: 'Note (optional)',
      emailedAt: 'Emailed at',
      nameZh: 'Name (Chinese)',
      nameEn: 'Name (English)',
      parametersJson: 'Parameters (JSON, e.g. {"days": 30})',
      enabled: 'Enabled',
      sendEmail: 'Send email',
    },
    resources: {
      alerts: { properties: { label: 'Alert' } },
      alert_rules: { actions: { new: 'New alert rule' } },
    },
  },
}
