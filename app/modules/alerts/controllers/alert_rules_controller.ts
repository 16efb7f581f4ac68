import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import { ManagedTableController } from '#modules/identity/public'
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
export default class AlertRulesController extends ManagedTableController<
  typeof createRuleValidator,
  typeof updateRuleValidator
> {
  constructor(rules: AlertRuleService) {
    super({
      read: 'alerts.read',
      manage: 'alert_rules.manage',
      list: async () => {
        const rows = await db.from('alert_rules').orderBy('id')
        return rows.map(ruleView)
      },
      find: async (id) => {
        const row = await db.from('alert_rules').where('id', id).first()
        if (!row) throw new NotFound('alert rule')
        return ruleView(row)
      },
      createWith: createRuleValidator,
      create: (uow, input) => rules.create(uow, input),
      updateWith: updateRuleValidator,
      update: (uow, id, input) => rules.update(uow, id, input),
      delete: (uow, id) => rules.delete(uow, id),
    })
  }
}
