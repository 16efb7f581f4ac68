import { registerPanelModule } from '#modules/admin/panel/registry'
import { customerResources } from '#modules/admin/resources/customer_resources'
import { ledgerResources } from '#modules/admin/resources/ledger_resources'
import { auditResources } from '#modules/admin/resources/audit_resources'
import { identityResources } from '#modules/admin/resources/identity_resources'
import { approvalsPanel } from '#modules/admin/resources/approval_resources'
import { alertsPanel } from '#modules/admin/resources/alert_resources'
import { reportsPanel } from '#modules/admin/resources/report_resources'
import { integrationPanel } from '#modules/admin/resources/integration_resources'
import { bankPanel } from '#modules/admin/resources/bank_resources'
import { importsPanel } from '#modules/admin/resources/import_resources'
import { backupPanel } from '#modules/admin/resources/backup_resources'

/**
 * The modules shown in the back-office, in sidebar order.
 */
export function registerCorePanelModules() {
  registerPanelModule({ name: 'customers', resources: customerResources })
  registerPanelModule({ name: 'ledger', resources: ledgerResources })
  registerPanelModule(approvalsPanel)
  registerPanelModule(alertsPanel)
  registerPanelModule(reportsPanel)
  registerPanelModule(integrationPanel)
  registerPanelModule(bankPanel)
  registerPanelModule(importsPanel)
  registerPanelModule({ name: 'audit', resources: auditResources })
  registerPanelModule({ name: 'identity', resources: identityResources })
  registerPanelModule(backupPanel)
}
