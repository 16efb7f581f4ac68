import { Conflict, InvalidInput } from '#kernel/errors'
import { lockRow, updateRow } from '#kernel/table_rows'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { RuleParams, RuleType } from '#modules/alerts/rule_types'
import { invalidateEnabledRules } from '#modules/alerts/services/enabled_rules_cache'
import type {
  CreateRuleInput as CreateInput,
  UpdateRuleInput as UpdateInput,
} from '#modules/alerts/validators/alert_validators'

/** Which parameters each rule type reads, and which of them it cannot do without. */
const PARAMS: Record<RuleType, { allowed: (keyof RuleParams)[]; required: (keyof RuleParams)[] }> =
  {
    low_balance: { allowed: ['contractPercent'], required: [] },
    abnormal_movement: {
      allowed: ['kind', 'multiple', 'absoluteAmount', 'minHistory'],
      required: ['kind'],
    },
    duplicate_receipt: { allowed: [], required: [] },
    installment_over_payment: { allowed: [], required: [] },
    installment_under_payment: { allowed: [], required: [] },
    installment_non_payment: { allowed: ['days'], required: ['days'] },
    installment_due_soon: { allowed: ['days'], required: ['days'] },
    installment_overdue: { allowed: [], required: [] },
    stale_advance: { allowed: ['days'], required: ['days'] },
    approval_pending: { allowed: ['hours'], required: ['hours'] },
    overdraw_attempt: { allowed: [], required: [] },
    statement_disputed: { allowed: [], required: [] },
  }

export function ruleView(row: any) {
  return {
    id: Number(row.id),
    code: row.code,
    ruleType: row.rule_type,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    severity: row.severity,
    parameters: row.params,
    enabled: row.enabled,
    sendEmail: row.send_email,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/** Admin CRUD of alert rules; every change audited with before/after. */
export class AlertRuleService {
  async create(uow: UnitOfWork, input: CreateInput) {
    const existing = await uow.trx.from('alert_rules').where('code', input.code).first()
    if (existing)
      throw new Conflict('unique', `rule code ${input.code} is already used`, undefined, 'code')
    const params = checkedParams(input.ruleType, input.parameters ?? {})
    const [row] = await uow.trx
      .table('alert_rules')
      .insert({
        code: input.code,
        rule_type: input.ruleType,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        severity: input.severity,
        params: JSON.stringify(params),
        enabled: input.enabled ?? true,
        send_email: input.sendEmail ?? true,
      })
      .returning('*')
    const after = ruleView(row)
    uow.audit({ entityType: 'alert_rule', entityId: after.id, action: 'create', after })
    uow.onCommit(invalidateEnabledRules)
    return after
  }

  async update(uow: UnitOfWork, ruleId: number, input: UpdateInput) {
    const current = await this.lock(uow, ruleId)
    const params = input.parameters
      ? checkedParams(current.rule_type, { ...current.params, ...input.parameters })
      : current.params
    const row = await updateRow(uow, 'alert_rules', ruleId, {
      name_zh: input.nameZh ?? current.name_zh,
      name_en: input.nameEn ?? current.name_en,
      severity: input.severity ?? current.severity,
      params: JSON.stringify(params),
      enabled: input.enabled ?? current.enabled,
      send_email: input.sendEmail ?? current.send_email,
    })
    const after = ruleView(row)
    uow.audit({
      entityType: 'alert_rule',
      entityId: ruleId,
      action: 'update',
      before: ruleView(current),
      after,
    })
    uow.onCommit(invalidateEnabledRules)
    return after
  }

  /** A rule that has raised alerts stays (their history refers to it): disable it instead. */
  async delete(uow: UnitOfWork, ruleId: number) {
    const current = await this.lock(uow, ruleId)
    const used = await uow.trx.from('alerts').where('rule_id', ruleId).first()
    if (used)
      throw new Conflict(
        'rule_in_use',
        'the rule has raised alerts; disable it instead of deleting it'
      )
    await uow.trx.from('alert_rules').where('id', ruleId).delete()
    uow.audit({
      entityType: 'alert_rule',
      entityId: ruleId,
      action: 'delete',
      before: ruleView(current),
    })
    uow.onCommit(invalidateEnabledRules)
  }

  private lock(uow: UnitOfWork, ruleId: number) {
    return lockRow(uow, 'alert_rules', ruleId, 'alert rule')
  }
}

function checkedParams(type: RuleType, params: RuleParams): RuleParams {
  const spec = PARAMS[type]
  const result: RuleParams = {}
  for (const [key, value] of Object.entries(params) as [keyof RuleParams, unknown][]) {
    if (value === undefined) continue
    if (!spec.allowed.includes(key))
      throw new InvalidInput(
        `parameters.${key}`,
        'notAllowed',
        `${type} rules take no ${key} parameter`
      )
    ;(result as Record<string, unknown>)[key] = value
  }
  for (const key of spec.required) {
    if (result[key] === undefined || result[key] === null)
      throw new InvalidInput(
        `parameters.${key}`,
        'required',
        `${type} rules need parameters.${key}`
      )
  }
  return result
}
