import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Forbidden, NotFound } from '#kernel/errors'
import { authorizedCustomer } from '#modules/customers/public'
import { authorize, authorizedInput, routeId } from '#modules/identity/public'
import { seesOnlyOwnCustomers } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import { alertView } from '#modules/alerts/services/alert_views'
import { listAlerts } from '#modules/alerts/services/alert_list'
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
    if (filters.customerId) await authorizedCustomer(ctx, filters.customerId, 'alerts.read')
    return listAlerts(filters, ctx.auth.getUserOrFail())
  }

  /** POST /alerts/:id/acknowledge {note?} */
  async acknowledge(ctx: HttpContext) {
    await this.transition(ctx, 'acknowledge')
  }

  /** POST /alerts/:id/resolve {note?} */
  async resolve(ctx: HttpContext) {
    await this.transition(ctx, 'resolve')
  }

  /** A step of the alert's life, by a user who may manage alerts of its customer. */
  private async transition(ctx: HttpContext, step: 'acknowledge' | 'resolve') {
    await authorize(ctx, 'alerts.manage')
    const alertId = routeId(ctx)
    const alert = await this.workflow.find(db.connection(), alertId)
    if (!alert) throw new NotFound('alert')
    if (alert.customer_id !== null)
      await authorizedCustomer(ctx, Number(alert.customer_id), 'alerts.manage')
    else if (seesOnlyOwnCustomers(ctx.auth.getUserOrFail().role)) throw new Forbidden()
    const { note } = await ctx.request.validateUsing(alertTransitionValidator)
    const locale = ctx.auth.getUserOrFail().locale
    await respond(ctx, 200, async (uow) =>
      alertView(await this.workflow[step](uow, alertId, note), locale)
    )
  }
}
