import { ownCustomersOnly } from '#modules/admin/panel/panel_user'
import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { fields } from '#modules/admin/panel/resource_helpers'
import { alertActions, alertRuleActions } from '#modules/admin/resources/alerts/alert_actions'
import { alertColumns, alertRuleColumns } from '#modules/admin/resources/alerts/alert_columns'
import { openAlerts } from '#modules/admin/resources/alerts/alert_dashboard'

const area = panelArea(MENU.alerts, 'alerts.read')

function alertsResource() {
  return area.resource(
    { table: 'alerts', scope: ownCustomersOnly('alerts.customer_id'), columns: alertColumns },
    {
      sort: { sortBy: 'queue', direction: 'desc' },
      listProperties: fields('id status severity ruleType customerId message createdAt'),
      showProperties: fields(
        'label status severity ruleType ruleId customerId projectId message asOf createdAt emailedAt acknowledgedAt acknowledgedBy resolvedAt resolvedBy resolutionNote'
      ),
      filterProperties: ['status', 'severity', 'ruleType', 'customerId'],
      actions: alertActions,
    }
  )
}

function rulesResource() {
  return area.resource(
    { table: 'alert_rules', columns: alertRuleColumns },
    {
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: ['code', 'nameZh', 'ruleType', 'severity', 'enabled', 'sendEmail'],
      showProperties: fields(
        'code nameZh nameEn ruleType severity parametersJson enabled sendEmail updatedAt'
      ),
      editProperties: fields(
        'code ruleType nameZh nameEn severity parametersJson enabled sendEmail'
      ),
      filterProperties: ['code', 'ruleType', 'severity', 'enabled'],
      actions: alertRuleActions,
    }
  )
}

/** Alerts (预警): the alert list with its workflow, the rules, and the open-alerts card. */
export const alertsPanel: PanelModule = {
  name: 'alerts',
  resources: () => [alertsResource(), rulesResource()],
  dashboard: openAlerts,
}
