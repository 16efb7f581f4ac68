import type { ApprovalLevel } from '#modules/approvals/public'
import { APPROVAL_ACTIONS } from '#modules/approvals/public'
import { company } from '#kernel/company'
import { t, type Locale } from '#kernel/i18n'
import { CURRENCY_CODES } from '#kernel/money/currencies'
import { columnsOf } from '#modules/admin/panel/columns'
import { displayAmount, displayInstant } from '#modules/admin/panel/format'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { valueLabels, zhLabel } from '#modules/admin/panel/value_labels'
import { fieldLabel, roleLabel, STATUSES } from '#modules/admin/resources/approvals/approval_labels'

interface Decision {
  level: number
  decision: string
  decidedBy: number
  name: string
  comment: string | null
  decidedAt: string
}

/** "✓", "✗", "· 当前" (English: "· current") or nothing: how far level `n` of the request got. */
function levelMark(row: Record<string, any>, n: number, locale: Locale) {
  const decided = ((row.decisions ?? []) as Decision[]).find((d) => d.level === n)
  if (decided) return decided.decision === 'approve' ? ' ✓' : ' ✗'
  return row.status === 'pending' && n === row.currentLevel
    ? ` · ${t(locale, 'approvals.levelCurrent')}`
    : ''
}

/** "1. 财务主管 ✓ → 2. 系统管理员 (当前)": who decides each level, and how far the request got. */
function levelsText(row: Record<string, any>, locale: Locale) {
  return chain(row, locale, (n) => levelMark(row, n, locale))
}

/** "1. 财务主管 → 2. 张三": each level's role (in the reader's language) or named user. */
function chain(row: Record<string, any>, locale: Locale, mark: (n: number) => string = () => '') {
  const levels: ApprovalLevel[] = row.levels ?? []
  const users: Record<string, string> = row.levelUsers ?? {}
  return levels
    .map((level, index) => {
      const who = level.userId
        ? (users[level.userId] ?? `#${level.userId}`)
        : roleLabel(level.role ?? '', locale)
      return `${index + 1}. ${who}${mark(index + 1)}`
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
        zhLabel('approval_decision', d.decision),
        d.name,
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
      if (key === 'projectId' && row.projectLabel) shown = row.projectLabel
      return `${label}: ${shown}`
    })
    .join('\n')
}

const request = columnsOf('approval_requests')

export const requestColumns: ColumnSpec[] = [
  request.id(),
  request.title((row) => zhLabel('approval_action', row.action_type)),
  request.choice('actionType', APPROVAL_ACTIONS, valueLabels('approval_action')),
  request.choice('status', STATUSES, valueLabels('approval_status')),
  request.ref('customerId', 'customers', { filter: 'exact' }),
  request.ref('projectId', 'projects'),
  request.amount('amount'),
  request.amount('baseAmount', { code: company.baseCurrency }),
  request.amount('reserved'),
  request.number('currentLevel'),
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
  request.text('levels', { compute: levelsText }),
  {
    name: 'journalNo',
    sql: `(SELECT j.journal_no FROM journals j
            WHERE j.id = (approval_requests.payload->>'journalId')::bigint)`,
  },
  // the project a request names, by code and name (never "项目: 1")
  {
    name: 'projectLabel',
    sql: `(SELECT p.code || ' ' || p.name FROM projects p
            WHERE p.id = (approval_requests.payload->>'projectId')::bigint)`,
  },
  request.text('request', { sql: request.sql('payload'), compute: payloadText }),
  // what the approver decides on, in one line: kind · customer · amount (the decision forms)
  {
    name: 'summary',
    sql: `(SELECT c.code || ' ' || c.name FROM customers c
            WHERE c.id = approval_requests.customer_id)`,
    compute: (row) =>
      [
        zhLabel('approval_action', row.action_type),
        row.summary,
        row.amount ? displayAmount(row.amount, row.currency) : null,
      ]
        .filter(Boolean)
        .join(' · '),
  },
  request.ref('journalId', 'journals'),
  request.ref('requestedBy', 'users', { filter: 'exact' }),
  request.instant('createdAt'),
  request.instant('expiresAt'),
  request.instant('decidedAt'),
  request.text('comment'),
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

const rule = columnsOf('approval_rules')

export const ruleColumns: ColumnSpec[] = [
  rule.id(),
  rule.field('name', { isTitle: true, filter: 'ilike' }),
  rule.choice('actionType', APPROVAL_ACTIONS, valueLabels('approval_action'), { sortable: true }),
  // Shown as typed (no trailing zeros) so the edit form can send it back unchanged.
  { name: 'minBaseAmount', sql: 'trim_scale(approval_rules.min_base_amount)::text' },
  rule.field('currency', { availableValues: [...CURRENCY_CODES] }),
  rule.field('department'),
  rule.ref('projectId', 'projects'),
  {
    name: 'levelUsers',
    sql: `(SELECT json_object_agg(u.id, u.full_name) FROM users u WHERE u.id IN
            (SELECT (l->>'userId')::bigint FROM jsonb_array_elements(approval_rules.levels) l))`,
    compute: (row) => JSON.stringify(row.levelUsers ?? {}),
  },
  rule.field('levels', { compute: (row, locale) => chain(row, locale) }),
  {
    name: 'levelsInput',
    sql: `(SELECT string_agg(coalesce(l->>'role', 'user:' || (l->>'userId')), ', ' ORDER BY n)
             FROM jsonb_array_elements(approval_rules.levels) WITH ORDINALITY AS t(l, n))`,
  },
  rule.flag('isActive', { filter: 'exact' }),
  rule.instant('updatedAt'),
]
