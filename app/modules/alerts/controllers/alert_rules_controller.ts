import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import { authorize, authorizedInput } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import { AlertRuleService, ruleView } from '#modules/alerts/services/alert_rule_service'
import {
  createRuleValidator,
  updateRuleValidator,
} from '#modules/alerts/validators/alert_validators'

/**
 * Admin CRUD of alert rules (预警规则). Rules are readable by everyone who reads alerts (as in the
 * panel); only admins change them.
 */
@inject()
export default class AlertRulesController {
  constructor(private rules: AlertRuleService) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, 'alerts.read')
    const rows = await db.from('alert_rules').orderBy('id')
    return { data: rows.map(ruleView) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'alerts.read')
    const row = await db.from('alert_rules').where('id', Number(ctx.params.id)).first()
    if (!row) throw new NotFound('alert rule')
    return ruleView(row)
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'alert_rules.manage', createRuleValidator)
    await respond(ctx, 201, (uow) => this.rules.create(uow, input))
  }

  async update(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'alert_rules.manage', updateRuleValidator)
    await respond(ctx, 200, (uow) => this.rules.update(uow, Number(ctx.params.id), input))
  }

  async destroy(ctx: HttpContext) {
    await authorize(ctx, 'alert_rules.manage')
    await respond(ctx, 204, (uow) => this.rules.delete(uow, Number(ctx.params.id)))
  }
}
