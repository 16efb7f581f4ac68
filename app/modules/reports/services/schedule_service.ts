import db from '@adonisjs/lucid/services/db'
import { Conflict, InvalidInput, NotFound } from '#kernel/errors'
import { company } from '#kernel/company'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { isValidCron, isValidTimezone, nextFire } from '#modules/reports/services/cron'
import type { PeriodRule } from '#modules/reports/services/report_period'
import type { ReportLocale } from '#modules/reports/services/statement_builder'

export interface ScheduleInput {
  name: string
  kind: 'statements' | 'exec_pack'
  cron: string
  timezone: string
  periodRule: PeriodRule
  locale: ReportLocale
  customerIds: number[] | null
  recipients: string[]
  enabled: boolean
}

/** A new schedule's unset fields: company time zone, zh-CN, every customer, no extra recipients, on. */
export function withScheduleDefaults(
  input: Pick<ScheduleInput, 'name' | 'kind' | 'cron' | 'periodRule'> & Partial<ScheduleInput>
): ScheduleInput {
  return {
    ...input,
    timezone: input.timezone ?? company.timezone,
    locale: input.locale ?? 'zh-CN',
    customerIds: input.customerIds ?? null,
    recipients: input.recipients ?? [],
    enabled: input.enabled ?? true,
  }
}

export interface ScheduleRow {
  id: number
  name: string
  kind: 'statements' | 'exec_pack'
  cron: string
  timezone: string
  period_rule: PeriodRule
  locale: ReportLocale
  customer_ids: number[] | null
  recipients: string[]
  enabled: boolean
  last_fired_at: Date | null
  created_by: number | null
  created_at: Date
  updated_at: Date
}

export function scheduleView(row: ScheduleRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    cron: row.cron,
    timezone: row.timezone,
    periodRule: row.period_rule,
    locale: row.locale,
    customerIds: row.customer_ids?.map(Number) ?? null,
    recipients: row.recipients,
    enabled: row.enabled,
    lastFiredAt: row.last_fired_at,
    nextRunAt: row.enabled ? nextFire(row.cron, row.timezone, new Date()) : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Report schedules: finance managers keep them; every change is audited in its transaction. */
export class ScheduleService {
  async list() {
    const result = await db.rawQuery('SELECT * FROM report_schedules ORDER BY id')
    return result.rows.map(scheduleView)
  }

  /** The schedule; `locked`: for a change in this unit of work (read under the row lock). */
  async find(id: number, locked?: UnitOfWork): Promise<ScheduleRow> {
    const result = await (locked?.trx ?? db).rawQuery(
      `SELECT * FROM report_schedules WHERE id = ?${locked ? ' FOR UPDATE' : ''}`,
      [id]
    )
    if (!result.rows[0]) throw new NotFound('report schedule')
    return result.rows[0]
  }

  async create(uow: UnitOfWork, input: ScheduleInput) {
    await this.check(uow, input)
    const result = await uow.trx.rawQuery(
      `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, locale, customer_ids,
         recipients, enabled, created_by, last_fired_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) RETURNING *`,
      [
        input.name,
        input.kind,
        input.cron,
        input.timezone,
        input.periodRule,
        input.locale,
        input.customerIds,
        input.recipients,
        input.enabled,
        uow.actor.userId,
      ] as any[]
    )
    const view = scheduleView(result.rows[0])
    uow.audit({ entityType: 'report_schedule', entityId: view.id, action: 'create', after: view })
    return view
  }

  async update(uow: UnitOfWork, id: number, changes: Partial<ScheduleInput>) {
    const before = await this.find(id, uow)
    const merged: ScheduleInput = {
      name: changes.name ?? before.name,
      kind: changes.kind ?? before.kind,
      cron: changes.cron ?? before.cron,
      timezone: changes.timezone ?? before.timezone,
      periodRule: changes.periodRule ?? before.period_rule,
      locale: changes.locale ?? before.locale,
      customerIds: changes.customerIds !== undefined ? changes.customerIds : before.customer_ids,
      recipients: changes.recipients ?? before.recipients,
      enabled: changes.enabled ?? before.enabled,
    }
    await this.check(uow, merged)
    // a changed cron or a re-enabled schedule starts counting from now (no catch-up burst)
    const restart =
      merged.cron !== before.cron ||
      merged.timezone !== before.timezone ||
      (merged.enabled && !before.enabled)
    const result = await uow.trx.rawQuery(
      `UPDATE report_schedules SET name = ?, kind = ?, cron = ?, timezone = ?, period_rule = ?, locale = ?,
         customer_ids = ?, recipients = ?, enabled = ?, updated_at = now(),
         last_fired_at = CASE WHEN ? THEN now() ELSE last_fired_at END
       WHERE id = ? RETURNING *`,
      [
        merged.name,
        merged.kind,
        merged.cron,
        merged.timezone,
        merged.periodRule,
        merged.locale,
        merged.customerIds,
        merged.recipients,
        merged.enabled,
        restart,
        id,
      ] as any[]
    )
    const view = scheduleView(result.rows[0])
    uow.audit({
      entityType: 'report_schedule',
      entityId: id,
      action: 'update',
      before: scheduleView(before),
      after: view,
    })
    return view
  }

  /** Deletes a schedule that never ran; one with runs keeps its history and can be disabled. */
  async destroy(uow: UnitOfWork, id: number) {
    // Locked: a run being created for it (its foreign key share-locks the row) waits, or waits for us.
    const before = await this.find(id, uow)
    const runs = await uow.trx.rawQuery('SELECT 1 FROM report_runs WHERE schedule_id = ? LIMIT 1', [
      id,
    ])
    if (runs.rows.length)
      throw new Conflict(
        'schedule_has_runs',
        'this schedule has runs: disable it instead (enabled: false)'
      )
    await uow.trx.rawQuery('DELETE FROM report_schedules WHERE id = ?', [id])
    uow.audit({
      entityType: 'report_schedule',
      entityId: id,
      action: 'delete',
      before: scheduleView(before),
    })
  }

  private async check(uow: UnitOfWork, input: ScheduleInput) {
    if (!isValidCron(input.cron))
      throw new InvalidInput(
        'cron',
        'cron',
        'cron must be a 5-field cron expression, e.g. "0 8 1 * *"'
      )
    if (!isValidTimezone(input.timezone))
      throw new InvalidInput(
        'timezone',
        'timezone',
        'timezone must be an IANA zone, e.g. Asia/Shanghai'
      )
    if (input.kind === 'exec_pack' && input.recipients.length === 0)
      throw new InvalidInput(
        'recipients',
        'required',
        'an executive pack needs at least one recipient'
      )
    if (input.customerIds?.length) {
      const found = await uow.trx.rawQuery(
        'SELECT count(*) AS n FROM customers WHERE id = ANY(?)',
        [input.customerIds]
      )
      if (Number(found.rows[0].n) !== new Set(input.customerIds).size)
        throw new InvalidInput(
          'customerIds',
          'exists',
          'customerIds names a customer that does not exist'
        )
    }
  }
}
