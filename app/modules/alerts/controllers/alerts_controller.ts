import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Forbidden, NotFound } from '#kernel/errors'
import { authorizedCustomer } from '#modules/customers/public'
import { authorize, authorizedInput } from '#modules/identity/public'
import { seesOnlyOwnCustomers } from '#modules/identity/public'
import { reachCondition } from '#modules/customers/public'
import { respond } from '#kernel/api_command'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { ALERT_SELECT, alertView } from '#modules/alerts/services/alert_views'
import { AlertWorkflow } from '#modules/alerts/services/alert_workflow'
import {
  alertTransitionValidator,
  listAlertsValidator,
} from '#modules/alerts/validators/alert_validators'

/** The in-app alert list and its workflow (acknowledge, resolve). */
@inject()
export default class AlertsController {
  constructor(private workflow: AlertWorkflow) {}

  /** GET /alerts?status&severity&customerId&ruleType&page&perPage — newest first. */
  async index(ctx: HttpContext) {
    const filters = await authorizedInput(ctx, 'alerts.read', listAlertsValidator)
    const user = ctx.auth.getUserOrFail()
    if (filters.customerId) await authorizedCustomer(ctx, filters.customerId, 'alerts.read')
    const where: string[] = []
    const bindings: Record<string, unknown> = {}
    const add = (clause: string, values: Record<string, unknown>) => {
      where.push(clause)
      Object.assign(bindings, values)
    }
    if (filters.status === 'unresolved') add("a.status <> 'resolved'", {})
    else if (filters.status) add('a.status = :status', { status: filters.status })
    if (filters.severity) add('a.severity = :severity', { severity: filters.severity })
    if (filters.customerId) add('a.customer_id = :customerId', { customerId: filters.customerId })
    if (filters.ruleType) add('a.rule_type = :ruleType', { ruleType: filters.ruleType })
    const reach = reachCondition(user, 'a.customer_id')
    if (reach) add(reach, {})
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const perPage = filters.perPage ?? 50
    const page = filters.page ?? 1
    const rows = await db.rawQuery(
      `${ALERT_SELECT} ${condition} ORDER BY a.id DESC LIMIT :limit OFFSET :offset`,
      { ...bindings, limit: perPage, offset: (page - 1) * perPage }
    )
    const total = await db.rawQuery(
      `SELECT count(*)::int AS total FROM alerts a LEFT JOIN customers c ON c.id = a.customer_id ${condition}`,
      bindings
    )
    return {
      data: rows.rows.map((row: any) => alertView(row, user.locale)),
      meta: { total: Number(total.rows[0].total), page, perPage },
    }
  }

  /** POST /alerts/:id/acknowledge {note?} */
  async acknowledge(ctx: HttpContext) {
    await this.transition(ctx, (uow, id, note) => this.workflow.acknowledge(uow, id, note))
  }

  /** POST /alerts/:id/resolve {note?} */
  async resolve(ctx: HttpContext) {
    await this.transition(ctx, (uow, id, note) => this.workflow.resolve(uow, id, note))
  }

  private async transition(
    ctx: HttpContext,
    change: (uow: UnitOfWork, id: number, note?: string) => Promise<any>
  ) {
    await authorize(ctx, 'alerts.manage')
    const alertId = Number(ctx.params.id)
    const alert = await this.workflow.find(db.connection(), alertId)
    if (!alert) throw new NotFound('alert')
    if (alert.customer_id !== null)
      await authorizedCustomer(ctx, Number(alert.customer_id), 'alerts.manage')
    else if (seesOnlyOwnCustomers(ctx.auth.getUserOrFail().role)) throw new Forbidden()
    const { note } = await ctx.request.validateUsing(alertTransitionValidator)
    const locale = ctx.auth.getUserOrFail().locale
    await respond(ctx, 200, async (uow) => alertView(await change(uow, alertId, note), locale))
  }
}
