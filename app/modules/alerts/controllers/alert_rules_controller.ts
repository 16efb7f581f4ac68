import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { executeCommand } from '#kernel/api_command'
import { AlertRuleService, ruleView } from '#modules/alerts/services/alert_rule_service'
import {
  createRuleValidator,
  updateRuleValidator,
} from '#modules/alerts/validators/alert_validators'

/** Admin CRUD of alert rules (预警规则). */
@inject()
export default class AlertRulesController {
  constructor(private rules: AlertRuleService) {}

  /** Rules are readable by everyone who reads alerts (as in the panel); only admins change them. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'alerts.read')
    const rows = await db.from('alert_rules').orderBy('id')
    return { data: rows.map(ruleView) }
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'alerts.read')
    const row = await db.from('alert_rules').where('id', Number(ctx.params.id)).first()
    if (!row) throw new NotFound('alert rule')
    return ruleView(row)
  }

  async store(ctx: HttpContext) {
    await this.authorize(ctx)
    const input = await ctx.request.validateUsing(createRuleValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 201,
      body: await this.rules.create(uow, input),
    }))
  }

  async update(ctx: HttpContext) {
    await this.authorize(ctx)
    const input = await ctx.request.validateUsing(updateRuleValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.rules.update(uow, Number(ctx.params.id), input),
    }))
  }

  async destroy(ctx: HttpContext) {
    await this.authorize(ctx)
    await executeCommand(ctx, async (uow) => {
      await this.rules.delete(uow, Number(ctx.params.id))
      return { status: 204, body: null }
    })
  }

  private authorize(ctx: HttpContext) {
    return ctx.bouncer.with(PermissionPolicy).authorize('allows', 'alert_rules.manage')
  }
}
