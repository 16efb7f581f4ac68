import { registerPanelModule } from '#modules/admin/panel/registry'
import { customerResources } from '#modules/admin/resources/customer_resources'
import { ledgerResources } from '#modules/admin/resources/ledger_resources'
import { auditResources } from '#modules/admin/resources/audit_resources'
import { identityResources } from '#modules/admin/resources/identity_resources'
import { approvalsPanel } from '#modules/admin/resources/approval_resources'

/**
 * The modules shown in the back-office, in sidebar order. Alerts (issue 6) and report schedules
 * (issue 5) register here once merged, as approvals do.
 */
export function registerCorePanelModules() {
  registerPanelModule({ name: 'customers', resources: customerResources })
  registerPanelModule({ name: 'ledger', resources: ledgerResources })
  registerPanelModule(approvalsPanel)
  registerPanelModule({ name: 'audit', resources: auditResources })
  registerPanelModule({ name: 'identity', resources: identityResources })
}
