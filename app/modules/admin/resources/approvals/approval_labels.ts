import { zhCN } from '#modules/admin/panel/translations'

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

const zhProperties = (zhCN.properties ?? {}) as Record<string, string>
export const roleLabel = (role: string) => zhProperties[`role.${role}`] ?? role
export const fieldLabel = (key: string) => zhProperties[key] ?? key

/** The approvals screens' words, zh-CN and English. */
export const approvalTranslations = {
  'zh-CN': {
    labels: { approvals: '审批', approval_requests: '审批单', approval_rules: '审批规则' },
    actions: { approve: '批准', reject: '驳回', cancel: '撤回申请' },
    messages: {
      submittedForApproval: '已提交审批（审批单 #{{id}}）',
      submittedReserved: '已提交审批（审批单 #{{id}}），可用余额已预留',
      approvalApproved: '审批单 #{{id}} 已批准并执行',
      approvalLevelApproved: '审批单 #{{id}} 第 {{level}} 级已批准，等待下一级审批',
      approvalRejected: '审批单 #{{id}} 已驳回，预留已释放',
      approvalCancelled: '审批单 #{{id}} 已撤回，预留已释放',
    },
    properties: {
      'actionType': '审批事项',
      'status.pending': '待审批',
      'status.approved': '已批准',
      'status.rejected': '已驳回',
      'status.cancelled': '已撤回',
      'status.expired': '已过期',
      'reserved': '预留金额',
      'currentLevel': '当前级别',
      'levels': '审批级别',
      'decisions': '审批记录',
      'request': '申请内容',
      'requestedBy': '申请人',
      'expiresAt': '到期时间',
      'decidedAt': '完成时间',
      'comment': '审批意见',
      'minBaseAmount': '起审金额（本位币，≥）',
      'levelsInput': '审批级别（按顺序，逗号分隔：角色如 finance_manager，或 user:用户编号）',
    },
    resources: {
      approval_requests: { properties: { label: '审批单' } },
      approval_rules: { actions: { new: '新建审批规则' } },
    },
  },
  'en': {
    labels: {
      approvals: 'Approvals',
      approval_requests: 'Approval requests',
      approval_rules: 'Approval rules',
    },
    actions: { approve: 'Approve', reject: 'Reject', cancel: 'Withdraw' },
    messages: {
      submittedForApproval: 'Submitted for approval (request #{{id}})',
      submittedReserved:
        'Submitted for approval (request #{{id}}); the amount is held on the available balance',
      approvalApproved: 'Request #{{id}} approved and carried out',
      approvalLevelApproved: 'Request #{{id}}: level {{level}} approved, awaiting the next level',
      approvalRejected: 'Request #{{id}} rejected; the hold is released',
      approvalCancelled: 'Request #{{id}} withdrawn; the hold is released',
    },
    properties: {
      actionType: 'Action',
      reserved: 'Held amount',
      currentLevel: 'Current level',
      levels: 'Levels',
      decisions: 'Decisions',
      request: 'Request',
      requestedBy: 'Requested by',
      expiresAt: 'Expires at',
      decidedAt: 'Decided at',
      comment: 'Comment',
      minBaseAmount: 'From amount (base currency, ≥)',
      levelsInput: 'Levels in order, comma-separated: a role (finance_manager) or user:<id>',
    },
    resources: {
      approval_requests: { properties: { label: 'Request' } },
      approval_rules: { actions: { new: 'New approval rule' } },
    },
  },
}
