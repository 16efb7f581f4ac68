import type { ActionContext, ResourceWithOptions } from 'adminjs'
import { reachSql } from '#modules/customers/reach'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InvalidInput } from '#kernel/errors'
import type { ApprovalView } from '#modules/approvals/approval_view'
import { APPROVAL_ACTIONS, type ApprovalLevel } from '#modules/approvals/default_rules'
import { ApprovalRuleService } from '#modules/approvals/services/approval_rule_service'
import {
  ApprovalService,
  mayDecide,
  type DecisionState,
} from '#modules/approvals/services/approval_service'

/** The maker-checker rule (ApprovalService states it) for the signed-in panel user. */
export function panelMayDecide(
  request: DecisionState,
  user: Pick<PanelUser, 'id' | 'role'> | undefined
) {
  return user ? mayDecide(request, { userId: user.id, role: user.role }) : false
}
import {
  approvalRuleValidator,
  decisionValidator,
} from '#modules/approvals/validators/approval_validators'
import { ROLES } from '#modules/identity/roles'
import { company } from '#kernel/company'
import { CURRENCY_CODES } from '#kernel/money/currencies'
import { displayAmount, displayInstant } from '#modules/admin/panel/format'
import { formHandler, type FormDone } from '#modules/admin/panel/form_action'
import { allows, ownCustomersOnly, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import {
  amountColumn,
  instant,
  labelled,
  showUrl,
  tableResource,
} from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { zhCN } from '#modules/admin/panel/translations'

const nav = { name: 'approvals', icon: 'CheckSquare' }
const STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'expired']

/** Option labels, zh-CN first with the code (as the core resources do). */
const ACTION_LABELS: Record<string, string> = {
  refund: '退款 refund',
  adjustment: '调整 adjustment',
  reversal: '红冲 reversal',
  application: '核销 application',
  credit_limit_change: '信用额度变更 credit limit',
  customer_deactivation: '客户停用 deactivation',
  opening_import: '期初余额导入 opening balance import',
}
const STATUS_LABELS: Record<string, string> = {
  pending: '待审批 pending',
  approved: '已批准 approved',
  rejected: '已驳回 rejected',
  cancelled: '已撤回 cancelled',
  expired: '已过期 expired',
}
const DECISION_LABELS: Record<string, string> = { approve: '批准', reject: '驳回' }
const zhProperties = (zhCN.properties ?? {}) as Record<string, string>
const roleLabel = (role: string) => zhProperties[`role.${role}`] ?? role
const fieldLabel = (key: string) => zhProperties[key] ?? key

interface Decision {
  level: number
  decision: string
  decidedBy: number
  name: string
  comment: string | null
  decidedAt: string
}

/** "1. 财务主管 ✓ → 2. 系统管理员 (当前)": who decides each level, and how far the request got. */
function levelsText(row: Record<string, any>) {
  const levels: ApprovalLevel[] = row.levels ?? []
  const decisions: Decision[] = row.decisions ?? []
  const users: Record<string, string> = row.levelUsers ?? {}
  return levels
    .map((level, index) => {
      const n = index + 1
      const who = level.userId
        ? `${users[level.userId] ?? '用户'} #${level.userId}`
        : roleLabel(level.role ?? '')
      const decided = decisions.find((d) => d.level === n)
      const mark = decided
        ? decided.decision === 'approve'
          ? ' ✓'
          : ' ✗'
        : row.status === 'pending' && n === row.currentLevel
          ? ' · 当前'
          : ''
      return `${n}. ${who}${mark}`
    })
    .join(' → ')
}

/** One line per decision: level, decision, who, when, comment. */
function decisionsText(row: Record<string, any>) {
  const decisions: Decision[] = row.decisions ?? []
  return decisions
    .map((d) =>
      [
        `第 ${d.level} 级`,
        DECISION_LABELS[d.decision] ?? d.decision,
        `${d.name} #${d.decidedBy}`,
        displayInstant(d.decidedAt),
        d.comment ?? '',
      ]
        .filter(Boolean)
        .join(' · ')
    )
    .join('\n')
}

/** The request's payload as "金额: 500.00; 原因: …" (customer changes: the changed fields). */
function payloadText(row: Record<string, any>) {
  const payload = (row.payload ?? {}) as Record<string, any>
  const fields = payload.changes && typeof payload.changes === 'object' ? payload.changes : payload
  // The amount is shown with its currency; the customer has its own line on the page.
  const skip = new Set(['customerId', ...(fields.amount && fields.currency ? ['currency'] : [])])
  return Object.entries(fields)
    .filter(([key, value]) => !skip.has(key) && value !== null && value !== undefined)
    .map(([key, value]) => {
      const label = fieldLabel(key === 'journalId' ? 'reversesJournalId' : key)
      let shown = typeof value === 'object' ? JSON.stringify(value) : String(value)
      if (key === 'amount' && fields.currency) shown = displayAmount(shown, fields.currency)
      if (key === 'journalId' && row.journalNo) shown = row.journalNo
      return `${label}: ${shown}`
    })
    .join('\n')
}

const requestColumns: ColumnSpec[] = [
  { name: 'id', type: 'number', sortable: true },
  {
    name: 'label',
    sql: "'#' || approval_requests.id",
    isTitle: true,
    compute: (row) => `#${row.id} ${ACTION_LABELS[row.action_type] ?? row.action_type}`,
  },
  {
    name: 'actionType',
    sql: 'approval_requests.action_type',
    availableValues: [...APPROVAL_ACTIONS],
    filter: 'exact',
  },
  {
    name: 'status',
    sql: 'approval_requests.status',
    availableValues: STATUSES,
    filter: 'exact',
  },
  {
    name: 'customerId',
    sql: 'approval_requests.customer_id',
    reference: 'customers',
    filter: 'exact',
  },
  { name: 'projectId', sql: 'approval_requests.project_id', reference: 'projects' },
  amountColumn('amount', 'approval_requests.amount'),
  amountColumn('baseAmount', 'approval_requests.base_amount', { code: company.baseCurrency }),
  amountColumn('reserved', 'approval_requests.reserved'),
  { name: 'currentLevel', sql: 'approval_requests.current_level', type: 'number' },
  {
    name: 'decisions',
    type: 'textarea',
    sql: `(SELECT json_agg(json_build_object('level', d.level, 'decision', d.decision,
             'decidedBy', d.decided_by, 'name', u.full_name, 'comment', d.comment,
             'decidedAt', d.decided_at) ORDER BY d.level)
             FROM approval_decisions d JOIN users u ON u.id = d.decided_by
            WHERE d.request_id = approval_requests.id)`,
    compute: decisionsText,
  },
  {
    name: 'levelUsers',
    sql: `(SELECT json_object_agg(u.id, u.full_name) FROM users u WHERE u.id IN
            (SELECT (l->>'userId')::bigint FROM jsonb_array_elements(approval_requests.levels) l))`,
    compute: (row) => JSON.stringify(row.levelUsers ?? {}),
  },
  { name: 'levels', sql: 'approval_requests.levels', type: 'textarea', compute: levelsText },
  {
    name: 'journalNo',
    sql: `(SELECT j.journal_no FROM journals j
            WHERE j.id = (approval_requests.payload->>'journalId')::bigint)`,
  },
  { name: 'request', type: 'textarea', sql: 'approval_requests.payload', compute: payloadText },
  { name: 'journalId', sql: 'approval_requests.journal_id', reference: 'journals' },
  {
    name: 'requestedBy',
    sql: 'approval_requests.requested_by',
    reference: 'users',
    filter: 'exact',
  },
  instant('createdAt', 'approval_requests.created_at'),
  instant('expiresAt', 'approval_requests.expires_at'),
  instant('decidedAt', 'approval_requests.decided_at'),
  { name: 'comment', sql: 'approval_requests.comment', type: 'textarea' },
  // For the decision actions' visibility (never shown): the current level and who decided so far.
  {
    name: 'currentApprover',
    sql: 'approval_requests.levels -> (approval_requests.current_level - 1)',
    compute: (row) => JSON.stringify(row.currentApprover ?? null),
  },
  {
    name: 'deciders',
    sql: `(SELECT string_agg(d.decided_by::text, ',') FROM approval_decisions d
            WHERE d.request_id = approval_requests.id)`,
  },
  // Sort key of the default list: pending requests first, then newest first.
  { name: 'queue', sql: "(approval_requests.status = 'pending')", sortable: true },
]

const idList = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number)

function decidable({ currentAdmin, record }: ActionContext) {
  if (!record) return false
  const p = record.params
  return panelMayDecide(
    {
      status: p.status,
      requestedBy: Number(p.requestedBy),
      level: JSON.parse(p.currentApprover || 'null') ?? undefined,
      deciders: idList(p.deciders),
    },
    currentAdmin as PanelUser | undefined
  )
}

function cancellable({ currentAdmin, record }: ActionContext) {
  const user = currentAdmin as PanelUser | undefined
  return Boolean(
    user &&
    record?.params.status === 'pending' &&
    Number(record.params.requestedBy) === Number(user.id)
  )
}

const approvals = () => app.container.make(ApprovalService)
const rules = () => app.container.make(ApprovalRuleService)

/** After a decision: back to the request, with what happened. */
const decided =
  (message: string) =>
  (result: { approval: ApprovalView }, context: ActionContext): FormDone => {
    const { approval } = result
    const nextLevel = approval.status === 'pending'
    return {
      redirectUrl: showUrl(context, 'approval_requests', approval.id),
      message: nextLevel ? 'approvalLevelApproved' : message,
      options: { id: approval.id, level: approval.currentLevel - 1 },
    }
  }

/** A record action with a comment/confirmation form (action_form.jsx) run through ApprovalService. */
function decisionAction(
  icon: string,
  isVisible: (context: ActionContext) => boolean,
  fields: Array<{ name: string; type: string }>,
  run: (service: ApprovalService, uow: any, id: number, comment: string | null) => Promise<any>,
  message: string
) {
  return {
    actionType: 'record',
    icon,
    component: 'ActionForm',
    custom: { fields },
    isAccessible: allows('approvals.read'),
    isVisible,
    handler: formHandler<{ comment?: string }>({
      permission: 'approvals.read',
      validator: decisionValidator,
      run: async (uow, input, _user, context) =>
        run(await approvals(), uow, Number(context.record!.id()), input.comment ?? null),
      done: decided(message),
    }),
  }
}

/** "finance_manager, admin" / "user:12" → levels; each item a role or one user. */
export function parseLevels(text: unknown): ApprovalLevel[] {
  const items = String(text ?? '')
    .split(/[,，;；>→\s]+/)
    .filter(Boolean)
  return items.map((item) => {
    const user = /^user:(\d+)$/i.exec(item)
    if (user) return { userId: Number(user[1]) }
    if ((ROLES as readonly string[]).includes(item)) return { role: item }
    throw new InvalidInput(
      'levelsInput',
      'level',
      `"${item}" is neither a role (${ROLES.join(', ')}) nor user:<id>`
    )
  })
}

const ruleValidator = {
  validate: async (data: any) => {
    const { levelsInput, ...rest } = data ?? {}
    return approvalRuleValidator.validate({ ...rest, levels: parseLevels(levelsInput) })
  },
}

const ruleDone = (rule: { id: number; name: string }, context: ActionContext): FormDone => ({
  redirectUrl: showUrl(context, 'approval_rules', rule.id),
  message: `${rule.name} ✓`,
})

function approvalResources(): ResourceWithOptions[] {
  const ruleForm = [
    'name',
    'actionType',
    'minBaseAmount',
    'currency',
    'department',
    'projectId',
    'levelsInput',
    'isActive',
  ]
  return [
    tableResource(
      {
        id: 'approval_requests',
        table: 'approval_requests',
        scope: ownCustomersOnly('approval_requests.customer_id'),
        columns: requestColumns,
      },
      'approvals.read',
      {
        navigation: nav,
        sort: { sortBy: 'queue', direction: 'desc' },
        listProperties: [
          'id',
          'actionType',
          'status',
          'customerId',
          'amount',
          'levels',
          'requestedBy',
          'createdAt',
        ],
        showProperties: [
          'label',
          'status',
          'actionType',
          'customerId',
          'projectId',
          'amount',
          'baseAmount',
          'reserved',
          'request',
          'levels',
          'decisions',
          'comment',
          'journalId',
          'requestedBy',
          'createdAt',
          'expiresAt',
          'decidedAt',
        ],
        filterProperties: ['status', 'actionType', 'customerId', 'requestedBy'],
        properties: {
          actionType: labelled(APPROVAL_ACTIONS, ACTION_LABELS),
          status: labelled(STATUSES, STATUS_LABELS),
        },
        actions: {
          approve: decisionAction(
            'Check',
            decidable,
            [{ name: 'comment', type: 'textarea' }],
            (service, uow, id, comment) => service.approve(uow, id, comment),
            'approvalApproved'
          ),
          reject: decisionAction(
            'X',
            decidable,
            [{ name: 'comment', type: 'textarea' }],
            (service, uow, id, comment) => service.reject(uow, id, comment),
            'approvalRejected'
          ),
          cancel: decisionAction(
            'CornerUpLeft',
            cancellable,
            [],
            (service, uow, id) => service.cancel(uow, id),
            'approvalCancelled'
          ),
        },
      }
    ),
    tableResource(
      {
        id: 'approval_rules',
        table: 'approval_rules',
        columns: [
          { name: 'id', type: 'number', sortable: true },
          { name: 'name', sql: 'approval_rules.name', isTitle: true, filter: 'ilike' },
          {
            name: 'actionType',
            sql: 'approval_rules.action_type',
            availableValues: [...APPROVAL_ACTIONS],
            filter: 'exact',
            sortable: true,
          },
          // Shown as typed (no trailing zeros) so the edit form can send it back unchanged.
          { name: 'minBaseAmount', sql: 'trim_scale(approval_rules.min_base_amount)::text' },
          {
            name: 'currency',
            sql: 'approval_rules.currency',
            availableValues: [...CURRENCY_CODES],
          },
          { name: 'department', sql: 'approval_rules.department' },
          { name: 'projectId', sql: 'approval_rules.project_id', reference: 'projects' },
          {
            name: 'levels',
            sql: 'approval_rules.levels',
            compute: (row) =>
              (row.levels as ApprovalLevel[])
                .map((l, i) => `${i + 1}. ${l.userId ? `user #${l.userId}` : roleLabel(l.role!)}`)
                .join(' → '),
          },
          {
            name: 'levelsInput',
            sql: `(SELECT string_agg(coalesce(l->>'role', 'user:' || (l->>'userId')), ', ' ORDER BY n)
                     FROM jsonb_array_elements(approval_rules.levels) WITH ORDINALITY AS t(l, n))`,
          },
          { name: 'isActive', sql: 'approval_rules.is_active', type: 'boolean', filter: 'exact' },
          instant('updatedAt', 'approval_rules.updated_at'),
        ],
      },
      'approvals.read',
      {
        navigation: nav,
        sort: { sortBy: 'actionType', direction: 'asc' },
        listProperties: ['name', 'actionType', 'minBaseAmount', 'levels', 'isActive'],
        showProperties: [
          'name',
          'actionType',
          'minBaseAmount',
          'currency',
          'department',
          'projectId',
          'levels',
          'isActive',
          'updatedAt',
        ],
        editProperties: ruleForm,
        filterProperties: ['name', 'actionType', 'isActive'],
        properties: { actionType: labelled(APPROVAL_ACTIONS, ACTION_LABELS) },
        actions: {
          new: {
            isAccessible: allows('approval_rules.manage'),
            handler: formHandler({
              permission: 'approval_rules.manage',
              validator: ruleValidator,
              run: async (uow, input) => {
                const service = await rules()
                return service.create(uow, input)
              },
              done: ruleDone,
            }),
          },
          edit: {
            isAccessible: allows('approval_rules.manage'),
            handler: formHandler({
              permission: 'approval_rules.manage',
              validator: ruleValidator,
              run: async (uow, input, _user, context) => {
                const service = await rules()
                return service.update(uow, Number(context.record!.id()), input)
              },
              done: ruleDone,
            }),
          },
        },
      }
    ),
  ]
}

/** The approver's inbox on the dashboard: how many requests await this user, and the latest few. */
export async function approvalInbox(user: PanelUser, latest = 5): Promise<DashboardSection[]> {
  const owner = reachSql(user, 'r.customer_id')
  const result = await db.rawQuery(
    `SELECT r.id, r.action_type, r.status, r.requested_by, r.amount, r.currency, c.code, c.name,
            r.levels -> (r.current_level - 1) AS level,
            (SELECT string_agg(d.decided_by::text, ',') FROM approval_decisions d
              WHERE d.request_id = r.id) AS deciders
       FROM approval_requests r JOIN customers c ON c.id = r.customer_id
      WHERE r.status = 'pending' AND r.requested_by <> :me ${owner}
      ORDER BY r.id DESC`,
    { me: user.id }
  )
  const awaiting = result.rows.filter((row: any) =>
    panelMayDecide(
      {
        status: row.status,
        requestedBy: Number(row.requested_by),
        level: row.level,
        deciders: idList(row.deciders),
      },
      user
    )
  )
  return [
    {
      key: 'pendingApprovals',
      title: '待审批',
      count: awaiting.length,
      items: awaiting.slice(0, latest).map((row: any) => ({
        label: `#${row.id} ${ACTION_LABELS[row.action_type] ?? row.action_type} · ${row.code} ${row.name}`,
        value: row.currency && row.amount !== null ? displayAmount(row.amount, row.currency) : '—',
        href: `/admin/resources/approval_requests/records/${row.id}/show`,
      })),
    },
  ]
}

const zh = {
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
}

const en = {
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
}

/** Approvals (审批): requests with their decisions, rules, and the approver's inbox. */
export const approvalsPanel: PanelModule = {
  name: 'approvals',
  resources: approvalResources,
  translations: { 'zh-CN': zh, 'en': en },
  dashboard: approvalInbox,
}
