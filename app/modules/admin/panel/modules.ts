import { registerPanelModule } from '#modules/admin/panel/registry'
import {
  customerPanelTranslations,
  customerResources,
} from '#modules/admin/resources/customers/customer_resources'
import { ledgerResources } from '#modules/admin/resources/ledger/ledger_resources'
import { auditResources } from '#modules/admin/resources/audit_resources'
import { identityResources } from '#modules/admin/resources/identity_resources'
import { approvalsPanel } from '#modules/admin/resources/approvals/approval_resources'
import { alertsPanel } from '#modules/admin/resources/alerts/alert_resources'
import { reportsPanel } from '#modules/admin/resources/reports/report_resources'
import { integrationPanel } from '#modules/admin/resources/integration_resources'
import { bankPanel } from '#modules/admin/resources/banking/bank_resources'
import { importsPanel } from '#modules/admin/resources/import_resources'
import { backupPanel } from '#modules/admin/resources/backup_resources'
import { statementConfirmationPanel } from '#modules/admin/resources/statement_confirmation_panel'
import { currencyFxPanel } from '#modules/admin/resources/currency_fx_panel'
import { documentsPanel } from '#modules/admin/resources/documents/document_resources'
import { companySettingsPanel } from '#modules/admin/resources/company_settings_panel'
import { panelEntryModule } from '#modules/admin/resources/audit_tools'

/**
 * The modules shown in the back-office, in sidebar order.
 */
export function registerCorePanelModules() {
  registerPanelModule({
    name: 'customers',
    resources: customerResources,
    translations: customerPanelTranslations,
  })
  registerPanelModule({ name: 'ledger', resources: ledgerResources })
  registerPanelModule(currencyFxPanel)
  registerPanelModule(documentsPanel)
  registerPanelModule(approvalsPanel)
  registerPanelModule(alertsPanel)
  registerPanelModule(reportsPanel)
  registerPanelModule(integrationPanel)
  registerPanelModule(bankPanel)
  registerPanelModule(importsPanel)
  registerPanelModule(statementConfirmationPanel)
  registerPanelModule({ name: 'audit', resources: auditResources })
  registerPanelModule({ name: 'identity', resources: identityResources })
  registerPanelModule(backupPanel)
  registerPanelModule(companySettingsPanel)
  registerPanelModule(panelEntryModule())
}
