import { labelsFor } from '#reports/labels'

/** Words of the phone pages for staff (approval, balance lookup), in the user's language. */
const zh = {
  lang: 'zh-CN',
  approval: '审批单',
  inbox: '待我审批',
  noneAwaiting: '目前没有等待您审批的申请。',
  customer: '客户',
  action: '事项',
  amount: '金额',
  level: '审批级别',
  expires: '截止时间',
  status: '状态',
  requestedBy: '申请人',
  requestedAt: '申请时间',
  balances: '客户余额',
  balance: '余额',
  available: '可用',
  pending: '审批中占用',
  history: '审批记录',
  requested: '提交申请',
  approve: '同意',
  reject: '驳回',
  comment: '意见（可选）',
  decidedOk: '已提交您的审批意见。',
  notYours: '此审批单当前无需您处理：',
  search: '查询客户余额',
  searchPlaceholder: '客户名称或编号',
  noCustomers: '没有找到您可查看的客户',
  notFound: '找不到此审批单，或您无权查看。',
  statuses: {
    pending: '待审批',
    approved: '已批准',
    rejected: '已驳回',
    cancelled: '已撤回',
    expired: '已过期',
  } as Record<string, string>,
  actions: labelsFor('zh-CN').approvalActions,
}

export type MobileLabels = typeof zh

const en: MobileLabels = {
  lang: 'en',
  approval: 'Approval request',
  inbox: 'Awaiting my approval',
  noneAwaiting: 'Nothing awaits your approval.',
  customer: 'Customer',
  action: 'Action',
  amount: 'Amount',
  level: 'Level',
  expires: 'Deadline',
  status: 'Status',
  requestedBy: 'Requested by',
  requestedAt: 'Requested at',
  balances: 'Customer balance',
  balance: 'Balance',
  available: 'Available',
  pending: 'Held for approvals',
  history: 'History',
  requested: 'Requested',
  approve: 'Approve',
  reject: 'Reject',
  comment: 'Comment (optional)',
  decidedOk: 'Your decision was recorded.',
  notYours: 'This request does not await you: ',
  search: 'Customer balance',
  searchPlaceholder: 'Customer name or code',
  noCustomers: 'No customer you may see matches',
  notFound: 'This request does not exist or you may not see it.',
  statuses: {
    pending: 'Pending',
    approved: 'Approved',
    rejected: 'Rejected',
    cancelled: 'Cancelled',
    expired: 'Expired',
  },
  actions: labelsFor('en').approvalActions,
}

export function mobileLabels(locale: string | null | undefined): MobileLabels {
  return locale === 'en' ? en : zh
}
