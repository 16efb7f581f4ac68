import type { UnitOfWork } from '#kernel/unit_of_work'
import type { RuleType } from '#modules/alerts/rule_types'
import type { AlertRule, Finding } from '#modules/alerts/services/rule_checks'
import { ALERT_SELECT, alertView, type AlertRecord } from '#modules/alerts/services/alert_views'

/**
 * Alerts that state a condition (a balance below its line, an installment unpaid, money held too
 * long, a request waiting) resolve themselves when an evaluation that covered their subject no
 * longer finds it. Alerts about an event (an abnormal movement, a duplicate receipt, a refused
 * overdraw) stay until a person resolves them: the event happened.
 */
const STATE_RULES = new Set<RuleType>([
  'low_balance',
  'installment_over_payment',
  'installment_under_payment',
  'installment_non_payment',
  'installment_due_soon',
  'installment_overdue',
  'stale_advance',
  'approval_pending',
])

/**
 * What an installment alert says about its installment; two alerts saying different things about
 * one installment cannot both be true, so the newer supersedes the older.
 */
const INSTALLMENT_STATE: Partial<Record<RuleType, string>> = {
  installment_due_soon: 'not_yet_due',
  installment_overdue: 'nothing_paid',
  installment_non_payment: 'nothing_paid',
  installment_under_payment: 'part_paid',
  installment_over_payment: 'over_paid',
}

/** One rule as an evaluation checked it: the customers it covered (all: every customer). */
export interface Evaluated {
  rule: AlertRule
  customerIds: number[] | 'all'
  findings: Finding[]
}

export const clearsItself = (rule: AlertRule) => STATE_RULES.has(rule.ruleType)

const key = (ruleId: number | string, subjectType: string, subjectId: number | string) =>
  `${ruleId}:${subjectType}:${subjectId}`

/** The unresolved state alerts of the evaluated rules and customers that no finding confirms. */
export async function clearedAlerts(
  client: UnitOfWork['client'],
  evaluated: Evaluated[]
): Promise<number[]> {
  const stateRules = evaluated.filter((e) => clearsItself(e.rule))
  if (stateRules.length === 0) return []
  const still = new Set(
    stateRules.flatMap((e) => e.findings.map((f) => key(e.rule.id, f.subjectType, f.subjectId)))
  )
  // one read for every rule (this runs after each posting); each rule's coverage is applied here
  const covered = new Map(stateRules.map((e) => [Number(e.rule.id), e.customerIds]))
  const all = stateRules.some((e) => e.customerIds === 'all')
  const customers = [
    ...new Set(stateRules.flatMap((e) => (e.customerIds === 'all' ? [] : e.customerIds))),
  ]
  const result = await client.rawQuery(
    `SELECT id, rule_id, subject_type, subject_id, customer_id FROM alerts
      WHERE status <> 'resolved' AND rule_id = ANY(?::bigint[])
        AND (? OR customer_id = ANY(?::bigint[]))`,
    [[...covered.keys()], all, customers] as any[]
  )
  return result.rows
    .filter((row: any) => {
      const ids = covered.get(Number(row.rule_id))
      const inScope = ids === 'all' || ids?.includes(Number(row.customer_id))
      return inScope && !still.has(key(row.rule_id, row.subject_type, row.subject_id))
    })
    .map((row: any) => Number(row.id))
}

/** Open alerts about the same installment that the newly opened ones contradict. */
export async function supersededAlerts(
  uow: UnitOfWork,
  opened: Array<{ id: number; ruleType: string; subjectType: string; subjectId: number }>
): Promise<number[]> {
  const superseded: number[] = []
  for (const alert of opened) {
    const state = INSTALLMENT_STATE[alert.ruleType as RuleType]
    if (!state || alert.subjectType !== 'installment') continue
    const others = Object.entries(INSTALLMENT_STATE)
      .filter(([, other]) => other !== state)
      .map(([type]) => type)
    const result = await uow.trx.rawQuery(
      `SELECT id FROM alerts WHERE status <> 'resolved' AND subject_type = 'installment'
          AND subject_id = ? AND rule_type = ANY(?) AND id <> ?`,
      [alert.subjectId, others, alert.id] as any[]
    )
    superseded.push(...result.rows.map((row: { id: string }) => Number(row.id)))
  }
  return superseded
}

/** Resolves alerts as the system, each audited and announced (alert.resolved), with its reason. */
export async function resolveBySystem(
  uow: UnitOfWork,
  ids: number[],
  reason: 'condition_cleared' | 'superseded'
) {
  if (ids.length === 0) return
  const before = await uow.trx.rawQuery(
    `${ALERT_SELECT} WHERE a.id = ANY(?) AND a.status <> 'resolved' ORDER BY a.id FOR UPDATE OF a`,
    [ids]
  )
  for (const row of before.rows as AlertRecord[]) {
    const updated = await uow.trx.rawQuery(
      `UPDATE alerts SET status = 'resolved', resolved_at = now(), resolved_by = NULL,
              resolved_reason = ? WHERE id = ? RETURNING *`,
      [reason, row.id]
    )
    const after = alertView({ ...row, ...updated.rows[0] })
    uow.audit({
      entityType: 'alert',
      entityId: after.id,
      action: 'resolve',
      before: alertView(row),
      after,
    })
    uow.publish({ type: 'alert.resolved', customerId: after.customerId, data: after })
  }
}
