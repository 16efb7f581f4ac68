import { registerPanelModule } from '#modules/admin/panel/registry'
import { customerResources } from '#modules/admin/resources/customer_resources'
import { ledgerResources } from '#modules/admin/resources/ledger_resources'
import { auditResources } from '#modules/admin/resources/audit_resources'
import { identityResources } from '#modules/admin/resources/identity_resources'

/**
 * The modules shown in the back-office, in sidebar order. Approvals (issue 3), alerts (issue 6) and
 * report schedules (issue 5) register here once merged, e.g.
 *   registerPanelModule(approvalsPanel)   // from '#modules/approvals/panel'
 */
export function registerCorePanelModules() {
  registerPanelModule({ name: 'customers', resources: customerResources })
  registerPanelModule({ name: 'ledger', resources: ledgerResources })
  registerPanelModule({ name: 'audit', resources: auditResources })
  registerPanelModule({ name: 'identity', resources: identityResources })
}
