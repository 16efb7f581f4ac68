// What other modules may use of alerts (docs/structure.md, "Public surfaces").

export { SEVERITY_LABELS, displayMoney, localeOf, renderMessage } from '#modules/alerts/messages'
export type { Locale } from '#modules/alerts/messages'
export { ALERT_STATUSES, RULE_TYPE_NAMES, SEVERITIES } from '#modules/alerts/rule_types'
export { AlertEvaluator } from '#modules/alerts/services/alert_evaluator'
export { raiseAlert } from '#modules/alerts/services/alert_opener'
export { AlertRuleService } from '#modules/alerts/services/alert_rule_service'
export { alertSchemas } from '#modules/alerts/services/alert_schemas'
export { AlertWorkflow } from '#modules/alerts/services/alert_workflow'
export {
  alertTransitionValidator,
  createRuleValidator,
  listAlertsValidator,
  updateRuleValidator,
} from '#modules/alerts/validators/alert_validators'
