/*
| Routes. The JSON API for other systems is versioned under /api/v1 and must stay stable.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PanelVoucherExportController = () =>
  import('#modules/vouchers/controllers/panel_voucher_export_controller')
const PanelImportsController = () => import('#modules/admin/controllers/panel_imports_controller')
const PanelReconciliationController = () =>
  import('#modules/admin/controllers/panel_reconciliation_controller')
const PanelBankStatementsController = () =>
  import('#modules/admin/controllers/panel_bank_statements_controller')
const WebhooksController = () => import('#modules/webhooks/controllers/webhooks_controller')
const BackupsController = () => import('#modules/backup/controllers/backups_controller')
const VouchersController = () => import('#modules/vouchers/controllers/vouchers_controller')
const HealthController = () => import('#modules/health/health_controller')
const AuthTokensController = () => import('#modules/identity/controllers/auth_tokens_controller')
const CustomersController = () => import('#modules/customers/controllers/customers_controller')
const ReceiptsController = () => import('#modules/prepayments/controllers/receipts_controller')
const PostingsController = () => import('#modules/prepayments/controllers/postings_controller')
const LedgerController = () => import('#modules/prepayments/controllers/ledger_controller')
const PeriodsController = () => import('#modules/prepayments/controllers/periods_controller')
const ExchangeRatesController = () =>
  import('#modules/prepayments/controllers/exchange_rates_controller')
const AuditController = () => import('#modules/audit/controllers/audit_controller')
const ApprovalsController = () => import('#modules/approvals/controllers/approvals_controller')
const ApprovalRulesController = () =>
  import('#modules/approvals/controllers/approval_rules_controller')
const PanelExportsController = () => import('#modules/admin/controllers/panel_exports_controller')
const InstallmentsController = () =>
  import('#modules/installments/controllers/installments_controller')
const AlertsController = () => import('#modules/alerts/controllers/alerts_controller')
const AlertRulesController = () => import('#modules/alerts/controllers/alert_rules_controller')
const ReportsController = () => import('#modules/reports/controllers/reports_controller')
const FxReportController = () => import('#modules/reports/controllers/fx_report_controller')
const ReportSchedulesController = () =>
  import('#modules/reports/controllers/report_schedules_controller')
const ReportDeliveriesController = () =>
  import('#modules/reports/controllers/report_deliveries_controller')
const BankAccountsController = () => import('#modules/banking/controllers/bank_accounts_controller')
const BankStatementsController = () =>
  import('#modules/banking/controllers/bank_statements_controller')
const BankLinesController = () => import('#modules/banking/controllers/bank_lines_controller')
const ReconciliationController = () =>
  import('#modules/banking/controllers/reconciliation_controller')
const ReceiptConfirmationsController = () =>
  import('#modules/banking/controllers/receipt_confirmations_controller')
const BankSettingsController = () => import('#modules/banking/controllers/bank_settings_controller')
const ImportsController = () => import('#modules/imports/controllers/imports_controller')
const NotificationsController = () =>
  import('#modules/notifications/controllers/notifications_controller')
const PanelNotificationsController = () =>
  import('#modules/notifications/controllers/panel_notifications_controller')

router.get('/', async ({ response }) => response.redirect('/health'))
router.get('/health', [HealthController, 'show'])

// The AdminJS back-office is mounted at /admin by its provider; its own plain routes:
router.get('/admin/exports/audit_logs.csv', [PanelExportsController, 'auditLogs'])
router.get('/admin/reports/deliveries/:id/pdf', [PanelExportsController, 'deliveryPdf'])
router.get('/admin/exports/vouchers', [PanelVoucherExportController, 'download'])
// The panel's import page (its session; the API's routes take bearer tokens only)
router.post('/admin/imports', [PanelImportsController, 'store'])
router
  .post('/admin/imports/:id/commit', [PanelImportsController, 'commit'])
  .where('id', router.matchers.number())
router
  .get('/admin/imports/:id/errors.xlsx', [PanelImportsController, 'errorReport'])
  .where('id', router.matchers.number())
router.get('/admin/imports/templates/:kind', [PanelImportsController, 'template'])
// The panel's bank statement upload page (its session, as the import page)
router.post('/admin/bank-statements', [PanelBankStatementsController, 'store'])
router.get('/admin/bank-statements/options', [PanelBankStatementsController, 'options'])
router.get('/admin/reconciliation', [PanelReconciliationController, 'show'])
// The panel's bell (its session; the same inbox as /api/v1/notifications)
router
  .group(() => {
    router.get('/', [PanelNotificationsController, 'index']).as('index')
    router.post('/read-all', [PanelNotificationsController, 'readAll']).as('read_all')
    router
      .post('/:id/read', [PanelNotificationsController, 'read'])
      .where('id', router.matchers.number())
      .as('read')
  })
  .prefix('/admin/notifications')
  .as('panel.notifications')

router
  .group(() => {
    router.post('/auth/tokens', [AuthTokensController, 'store'])

    router
      .group(() => {
        router.delete('/auth/tokens/current', [AuthTokensController, 'destroy'])
        router.get('/me', [AuthTokensController, 'me'])

        // the caller's own notifications (到款提醒, approval decisions) and their preferences
        router
          .group(() => {
            router.get('/', [NotificationsController, 'index']).as('index')
            router.post('/read-all', [NotificationsController, 'readAll']).as('read_all')
            router.get('/preferences', [NotificationsController, 'preferences']).as('preferences')
            router
              .put('/preferences', [NotificationsController, 'updatePreferences'])
              .as('update_preferences')
            router
              .post('/:id/read', [NotificationsController, 'read'])
              .where('id', router.matchers.number())
              .as('read')
          })
          .prefix('/notifications')
          .as('notifications')

        router.get('/customers', [CustomersController, 'index'])
        router.post('/customers', [CustomersController, 'store'])
        router
          .get('/customers/:id', [CustomersController, 'show'])
          .where('id', router.matchers.number())
        router
          .patch('/customers/:id', [CustomersController, 'update'])
          .where('id', router.matchers.number())
        router
          .post('/customers/:id/projects', [CustomersController, 'storeProject'])
          .where('id', router.matchers.number())
        router
          .get('/customers/:id/balances', [LedgerController, 'balances'])
          .where('id', router.matchers.number())
        router
          .get('/customers/:id/ledger', [LedgerController, 'ledger'])
          .where('id', router.matchers.number())

        router.post('/receipts', [ReceiptsController, 'store'])
        router.post('/applications', [PostingsController, 'application'])
        router.post('/refunds', [PostingsController, 'refund'])
        router.post('/adjustments', [PostingsController, 'adjustment'])
        router
          .post('/journals/:id/reverse', [PostingsController, 'reverse'])
          .where('id', router.matchers.number())

        router.get('/periods', [PeriodsController, 'index'])
        router.post('/periods/:period/close', [PeriodsController, 'close'])
        router.get('/exchange-rates', [ExchangeRatesController, 'index'])
        router.post('/exchange-rates', [ExchangeRatesController, 'store'])

        router.get('/approvals', [ApprovalsController, 'index'])
        router
          .get('/approvals/:id', [ApprovalsController, 'show'])
          .where('id', router.matchers.number())
        router
          .post('/approvals/:id/approve', [ApprovalsController, 'approve'])
          .where('id', router.matchers.number())
        router
          .post('/approvals/:id/reject', [ApprovalsController, 'reject'])
          .where('id', router.matchers.number())
        router
          .post('/approvals/:id/cancel', [ApprovalsController, 'cancel'])
          .where('id', router.matchers.number())
        router.get('/approval-rules', [ApprovalRulesController, 'index'])
        router.post('/approval-rules', [ApprovalRulesController, 'store'])
        router
          .put('/approval-rules/:id', [ApprovalRulesController, 'update'])
          .where('id', router.matchers.number())

        router.get('/audit-logs', [AuditController, 'index'])
        router.get('/audit-logs/export', [AuditController, 'export'])
        router.get('/audit-logs/history/:entityType/:id', [AuditController, 'history'])
        router.get('/audit/verify', [AuditController, 'verify']).as('audit.verify')
        router
          .post('/audit/verify-runs', [AuditController, 'requestRun'])
          .as('audit.verify_runs.store')
        router
          .get('/audit/verify-runs/:id', [AuditController, 'showRun'])
          .where('id', router.matchers.number())
          .as('audit.verify_runs.show')

        router
          .get('/projects/:id/installments', [InstallmentsController, 'show'])
          .where('id', router.matchers.number())
        router
          .put('/projects/:id/installments', [InstallmentsController, 'replace'])
          .where('id', router.matchers.number())
        router
          .post('/installments/:id/receipts', [InstallmentsController, 'match'])
          .where('id', router.matchers.number())

        router.get('/alerts', [AlertsController, 'index'])
        router
          .post('/alerts/:id/acknowledge', [AlertsController, 'acknowledge'])
          .where('id', router.matchers.number())
        router
          .post('/alerts/:id/resolve', [AlertsController, 'resolve'])
          .where('id', router.matchers.number())
        router.get('/alert-rules', [AlertRulesController, 'index'])
        router.post('/alert-rules', [AlertRulesController, 'store'])
        router
          .get('/alert-rules/:id', [AlertRulesController, 'show'])
          .where('id', router.matchers.number())
        router
          .patch('/alert-rules/:id', [AlertRulesController, 'update'])
          .where('id', router.matchers.number())
        router
          .delete('/alert-rules/:id', [AlertRulesController, 'destroy'])
          .where('id', router.matchers.number())

        router.get('/reports/balances', [ReportsController, 'balances'])
        router.get('/reports/fx', [FxReportController, 'show']).as('reports.fx')
        router
          .get('/customers/:id/statement.pdf', [ReportsController, 'statementPdf'])
          .where('id', router.matchers.number())
        router
          .get('/customers/:id/statement', [ReportsController, 'statement'])
          .where('id', router.matchers.number())
        router.get('/report-schedules', [ReportSchedulesController, 'index'])
        router.post('/report-schedules', [ReportSchedulesController, 'store'])
        router
          .get('/report-schedules/:id', [ReportSchedulesController, 'show'])
          .where('id', router.matchers.number())
        router
          .patch('/report-schedules/:id', [ReportSchedulesController, 'update'])
          .where('id', router.matchers.number())
        router
          .delete('/report-schedules/:id', [ReportSchedulesController, 'destroy'])
          .where('id', router.matchers.number())
        router.get('/report-deliveries', [ReportDeliveriesController, 'index'])
        router
          .get('/report-deliveries/:id/pdf', [ReportDeliveriesController, 'pdf'])
          .where('id', router.matchers.number())
        router
          .post('/report-deliveries/:id/resend', [ReportDeliveriesController, 'resend'])
          .where('id', router.matchers.number())

        // Backups (admin, auditor): the catalogue of what backup:create and the daily job wrote.
        router.get('/backups', [BackupsController, 'index']).as('backups.index')

        // Integration (issue 16): webhooks (admin) and the ERP voucher export (凭证导出).
        router.get('/webhooks', [WebhooksController, 'index'])
        router.post('/webhooks', [WebhooksController, 'store'])
        router
          .get('/webhooks/:id', [WebhooksController, 'show'])
          .where('id', router.matchers.number())
        router
          .patch('/webhooks/:id', [WebhooksController, 'update'])
          .where('id', router.matchers.number())
        router
          .delete('/webhooks/:id', [WebhooksController, 'destroy'])
          .where('id', router.matchers.number())
        router
          .post('/webhooks/:id/rotate-secret', [WebhooksController, 'rotateSecret'])
          .where('id', router.matchers.number())
        router
          .get('/webhooks/:id/deliveries', [WebhooksController, 'deliveries'])
          .where('id', router.matchers.number())
        router
          .get('/webhook-deliveries/:id', [WebhooksController, 'delivery'])
          .where('id', router.matchers.number())
        router
          .post('/webhook-deliveries/:id/redeliver', [WebhooksController, 'redeliver'])
          .where('id', router.matchers.number())
        router.get('/exports/vouchers', [VouchersController, 'export'])
        router.get('/voucher-account-map', [VouchersController, 'mapping'])
        router.put('/voucher-account-map/:code', [VouchersController, 'map'])
        // Bank statements and 到账确认 (app/modules/banking)
        router.get('/bank-accounts', [BankAccountsController, 'index']).as('bank_accounts.index')
        router.post('/bank-accounts', [BankAccountsController, 'store']).as('bank_accounts.store')
        router
          .get('/bank-statements', [BankStatementsController, 'index'])
          .as('bank_statements.index')
        router
          .post('/bank-statements', [BankStatementsController, 'store'])
          .as('bank_statements.store')
        router.get('/bank-lines', [BankLinesController, 'index']).as('bank_lines.index')
        router
          .get('/bank-lines/:id', [BankLinesController, 'show'])
          .where('id', router.matchers.number())
          .as('bank_lines.show')
        router
          .post('/bank-lines/:id/confirm', [BankLinesController, 'confirm'])
          .where('id', router.matchers.number())
          .as('bank_lines.confirm')
        router
          .post('/bank-lines/:id/split', [BankLinesController, 'split'])
          .where('id', router.matchers.number())
          .as('bank_lines.split')
        router
          .post('/bank-lines/:id/ignore', [BankLinesController, 'ignore'])
          .where('id', router.matchers.number())
          .as('bank_lines.ignore')
        router.get('/reconciliation', [ReconciliationController, 'show']).as('reconciliation.show')
        router
          .post('/receipts/:id/confirm', [ReceiptConfirmationsController, 'store'])
          .where('id', router.matchers.number())
          .as('receipts.confirm')
        router.get('/bank-settings', [BankSettingsController, 'show']).as('bank_settings.show')
        router
          .patch('/bank-settings', [BankSettingsController, 'update'])
          .as('bank_settings.update')
        // Imports (数据导入): upload = dry run; commit; approve; error report; templates
        router.post('/imports', [ImportsController, 'store'])
        router.get('/imports/templates/:kind', [ImportsController, 'template'])
        router
          .get('/imports/:id', [ImportsController, 'show'])
          .where('id', router.matchers.number())
        router
          .post('/imports/:id/commit', [ImportsController, 'commit'])
          .where('id', router.matchers.number())
        router
          .post('/imports/:id/approve', [ImportsController, 'approve'])
          .where('id', router.matchers.number())
        router
          .post('/imports/:id/reject', [ImportsController, 'reject'])
          .where('id', router.matchers.number())
          .as('imports.reject')
        router
          .get('/imports/:id/errors.xlsx', [ImportsController, 'errorReport'])
          .where('id', router.matchers.number())
      })
      // Bearer tokens only: a browser's ambient cookie never authenticates an API call (CSRF).
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
