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
const ReportRunsController = () => import('#modules/reports/controllers/report_runs_controller')
const ReportExportsController = () =>
  import('#modules/reports/controllers/report_exports_controller')
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
const ApiDocsController = () => import('#modules/api_docs/api_docs_controller')
const NotificationsController = () =>
  import('#modules/notifications/controllers/notifications_controller')
const PanelNotificationsController = () =>
  import('#modules/notifications/controllers/panel_notifications_controller')

router.get('/', async ({ response }) => response.redirect('/health')).as('home')
router.get('/health', [HealthController, 'show']).as('health')
// The API's description, readable (Swagger UI from node_modules, offline) and as OpenAPI 3.1
router.get('/api/docs', [ApiDocsController, 'page']).as('api_docs.page')
router.get('/api/docs/assets/:file', [ApiDocsController, 'asset']).as('api_docs.asset')

// The AdminJS back-office is mounted at /admin by its provider; its own plain routes (its session):
router
  .group(() => {
    router
      .get('/exports/audit_logs.csv', [PanelExportsController, 'auditLogs'])
      .as('exports.audit_logs')
    router
      .get('/reports/deliveries/:id/pdf', [PanelExportsController, 'deliveryPdf'])
      .as('report_deliveries.pdf')
    router
      .get('/reports/deliveries/:id/xlsx', [PanelExportsController, 'deliveryXlsx'])
      .as('report_deliveries.xlsx')
    router
      .get('/reports/exports/:id/file', [PanelExportsController, 'reportExport'])
      .as('report_exports.file')
    router
      .get('/exports/vouchers', [PanelVoucherExportController, 'download'])
      .as('exports.vouchers')
    // The panel's import page (its session; the API's routes take bearer tokens only)
    router.post('/imports', [PanelImportsController, 'store']).as('imports.store')
    router.post('/imports/:id/commit', [PanelImportsController, 'commit']).as('imports.commit')
    router
      .get('/imports/:id/errors.xlsx', [PanelImportsController, 'errorReport'])
      .as('imports.error_report')
    router
      .get('/imports/templates/:kind', [PanelImportsController, 'template'])
      .as('imports.template')
    // The panel's bank statement upload page (its session, as the import page)
    router
      .post('/bank-statements', [PanelBankStatementsController, 'store'])
      .as('bank_statements.store')
    router
      .get('/bank-statements/options', [PanelBankStatementsController, 'options'])
      .as('bank_statements.options')
    router.get('/reconciliation', [PanelReconciliationController, 'show']).as('reconciliation.show')
  })
  .prefix('/admin')
  .as('admin')
  // Record ids are numbers, once for the group (a route whose :id is text states its own).
  .where('id', router.matchers.number())

// The panel's bell (its session; the same inbox as /api/v1/notifications)
router
  .group(() => {
    router.get('/', [PanelNotificationsController, 'index']).as('index')
    router.post('/read-all', [PanelNotificationsController, 'readAll']).as('read_all')
    router.post('/:id/read', [PanelNotificationsController, 'read']).as('read')
  })
  .prefix('/admin/notifications')
  .as('panel.notifications')
  .where('id', router.matchers.number())

router
  .group(() => {
    router.post('/auth/tokens', [AuthTokensController, 'store']).as('auth_tokens.store')
    router.get('/openapi.json', [ApiDocsController, 'document']).as('api_docs.document')

    router
      .group(() => {
        router
          .delete('/auth/tokens/current', [AuthTokensController, 'destroy'])
          .as('auth_tokens.destroy')
        router.get('/me', [AuthTokensController, 'me']).as('me.show')

        // the caller's own notifications (到款提醒, approval decisions) and their preferences
        router
          .group(() => {
            router.get('/', [NotificationsController, 'index']).as('index')
            router.post('/read-all', [NotificationsController, 'readAll']).as('read_all')
            router.get('/preferences', [NotificationsController, 'preferences']).as('preferences')
            router
              .put('/preferences', [NotificationsController, 'updatePreferences'])
              .as('update_preferences')
            router.post('/:id/read', [NotificationsController, 'read']).as('read')
          })
          .prefix('/notifications')
          .as('notifications')

        router.get('/customers', [CustomersController, 'index']).as('customers.index')
        router.post('/customers', [CustomersController, 'store']).as('customers.store')
        router.get('/customers/:id', [CustomersController, 'show']).as('customers.show')
        router.patch('/customers/:id', [CustomersController, 'update']).as('customers.update')
        router
          .post('/customers/:id/projects', [CustomersController, 'storeProject'])
          .as('customers.projects.store')
        router
          .get('/customers/:id/balances', [LedgerController, 'balances'])
          .as('customers.balances')
        router.get('/customers/:id/ledger', [LedgerController, 'ledger']).as('customers.ledger')

        router.post('/receipts', [ReceiptsController, 'store']).as('receipts.store')
        router.post('/applications', [PostingsController, 'application']).as('applications.store')
        router.post('/refunds', [PostingsController, 'refund']).as('refunds.store')
        router.post('/adjustments', [PostingsController, 'adjustment']).as('adjustments.store')
        router.post('/journals/:id/reverse', [PostingsController, 'reverse']).as('journals.reverse')

        router.get('/periods', [PeriodsController, 'index']).as('periods.index')
        router.post('/periods/:period/close', [PeriodsController, 'close']).as('periods.close')
        router.get('/exchange-rates', [ExchangeRatesController, 'index']).as('exchange_rates.index')
        router
          .post('/exchange-rates', [ExchangeRatesController, 'store'])
          .as('exchange_rates.store')

        router.get('/approvals', [ApprovalsController, 'index']).as('approvals.index')
        router.get('/approvals/:id', [ApprovalsController, 'show']).as('approvals.show')
        router
          .post('/approvals/:id/approve', [ApprovalsController, 'approve'])
          .as('approvals.approve')
        router.post('/approvals/:id/reject', [ApprovalsController, 'reject']).as('approvals.reject')
        router.post('/approvals/:id/cancel', [ApprovalsController, 'cancel']).as('approvals.cancel')
        router.get('/approval-rules', [ApprovalRulesController, 'index']).as('approval_rules.index')
        router
          .post('/approval-rules', [ApprovalRulesController, 'store'])
          .as('approval_rules.store')
        router
          .put('/approval-rules/:id', [ApprovalRulesController, 'update'])
          .as('approval_rules.update')

        router.get('/audit-logs', [AuditController, 'index']).as('audit_logs.index')
        router.get('/audit-logs/export', [AuditController, 'export']).as('audit_logs.export')
        // An audited entity's id is text (a period, a composite key), not always a number.
        router
          .get('/audit-logs/history/:entityType/:id', [AuditController, 'history'])
          .where('id', /.+/)
          .as('audit_logs.history')
        router.get('/audit/verify', [AuditController, 'verify']).as('audit.verify')
        router
          .post('/audit/verify-runs', [AuditController, 'requestRun'])
          .as('audit.verify_runs.store')
        router
          .get('/audit/verify-runs/:id', [AuditController, 'showRun'])
          .as('audit.verify_runs.show')

        router
          .get('/projects/:id/installments', [InstallmentsController, 'show'])
          .as('projects.installments.show')
        router
          .put('/projects/:id/installments', [InstallmentsController, 'replace'])
          .as('projects.installments.replace')
        router
          .post('/installments/:id/receipts', [InstallmentsController, 'match'])
          .as('installments.receipts.match')

        router.get('/alerts', [AlertsController, 'index']).as('alerts.index')
        router
          .post('/alerts/:id/acknowledge', [AlertsController, 'acknowledge'])
          .as('alerts.acknowledge')
        router.post('/alerts/:id/resolve', [AlertsController, 'resolve']).as('alerts.resolve')
        router.get('/alert-rules', [AlertRulesController, 'index']).as('alert_rules.index')
        router.post('/alert-rules', [AlertRulesController, 'store']).as('alert_rules.store')
        router.get('/alert-rules/:id', [AlertRulesController, 'show']).as('alert_rules.show')
        router.patch('/alert-rules/:id', [AlertRulesController, 'update']).as('alert_rules.update')
        router
          .delete('/alert-rules/:id', [AlertRulesController, 'destroy'])
          .as('alert_rules.destroy')

        router.get('/reports/balances', [ReportsController, 'balances']).as('reports.balances')
        router
          .post('/reports/balances/exports', [ReportExportsController, 'store'])
          .as('report_exports.store')
        router
          .get('/report-exports/:id', [ReportExportsController, 'show'])
          .as('report_exports.show')
        router
          .get('/report-exports/:id/file', [ReportExportsController, 'file'])
          .as('report_exports.file')
        router.get('/reports/fx', [FxReportController, 'show']).as('reports.fx')
        router
          .get('/customers/:id/statement.pdf', [ReportsController, 'statementPdf'])
          .as('customers.statement_pdf')
        router
          .get('/customers/:id/statement.xlsx', [ReportsController, 'statementXlsx'])
          .as('customers.statement_xlsx')
        router
          .get('/customers/:id/statement', [ReportsController, 'statement'])
          .as('customers.statement')
        router
          .get('/report-schedules', [ReportSchedulesController, 'index'])
          .as('report_schedules.index')
        router
          .post('/report-schedules', [ReportSchedulesController, 'store'])
          .as('report_schedules.store')
        router
          .get('/report-schedules/:id', [ReportSchedulesController, 'show'])
          .as('report_schedules.show')
        router
          .patch('/report-schedules/:id', [ReportSchedulesController, 'update'])
          .as('report_schedules.update')
        router
          .delete('/report-schedules/:id', [ReportSchedulesController, 'destroy'])
          .as('report_schedules.destroy')
        router.get('/report-runs', [ReportRunsController, 'index']).as('report_runs.index')
        router.get('/report-runs/:id', [ReportRunsController, 'show']).as('report_runs.show')
        router
          .get('/report-deliveries', [ReportDeliveriesController, 'index'])
          .as('report_deliveries.index')
        router
          .get('/report-deliveries/:id/pdf', [ReportDeliveriesController, 'pdf'])
          .as('report_deliveries.pdf')
        router
          .get('/report-deliveries/:id/xlsx', [ReportDeliveriesController, 'xlsx'])
          .as('report_deliveries.xlsx')
        router
          .post('/report-deliveries/:id/resend', [ReportDeliveriesController, 'resend'])
          .as('report_deliveries.resend')

        // Backups (admin, auditor): the catalogue of what backup:create and the daily job wrote.
        router.get('/backups', [BackupsController, 'index']).as('backups.index')

        // Integration (issue 16): webhooks (admin) and the ERP voucher export (凭证导出).
        router.get('/webhooks', [WebhooksController, 'index']).as('webhooks.index')
        router.post('/webhooks', [WebhooksController, 'store']).as('webhooks.store')
        router.get('/webhooks/:id', [WebhooksController, 'show']).as('webhooks.show')
        router.patch('/webhooks/:id', [WebhooksController, 'update']).as('webhooks.update')
        router.delete('/webhooks/:id', [WebhooksController, 'destroy']).as('webhooks.destroy')
        router
          .post('/webhooks/:id/rotate-secret', [WebhooksController, 'rotateSecret'])
          .as('webhooks.rotate_secret')
        router
          .get('/webhooks/:id/deliveries', [WebhooksController, 'deliveries'])
          .as('webhooks.deliveries')
        router
          .get('/webhook-deliveries/:id', [WebhooksController, 'delivery'])
          .as('webhook_deliveries.show')
        router
          .post('/webhook-deliveries/:id/redeliver', [WebhooksController, 'redeliver'])
          .as('webhook_deliveries.redeliver')
        router.get('/exports/vouchers', [VouchersController, 'export']).as('vouchers.export')
        router
          .get('/voucher-account-map', [VouchersController, 'mapping'])
          .as('voucher_account_map.index')
        router
          .put('/voucher-account-map/:code', [VouchersController, 'map'])
          .as('voucher_account_map.update')
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
        router.get('/bank-lines/:id', [BankLinesController, 'show']).as('bank_lines.show')
        router
          .post('/bank-lines/:id/confirm', [BankLinesController, 'confirm'])
          .as('bank_lines.confirm')
        router.post('/bank-lines/:id/split', [BankLinesController, 'split']).as('bank_lines.split')
        router
          .post('/bank-lines/:id/ignore', [BankLinesController, 'ignore'])
          .as('bank_lines.ignore')
        router.get('/reconciliation', [ReconciliationController, 'show']).as('reconciliation.show')
        router
          .post('/receipts/:id/confirm', [ReceiptConfirmationsController, 'store'])
          .as('receipts.confirm')
        router.get('/bank-settings', [BankSettingsController, 'show']).as('bank_settings.show')
        router
          .patch('/bank-settings', [BankSettingsController, 'update'])
          .as('bank_settings.update')
        // Imports (数据导入): upload = dry run; commit; approve; error report; templates
        router.post('/imports', [ImportsController, 'store']).as('imports.store')
        router
          .get('/imports/templates/:kind', [ImportsController, 'template'])
          .as('imports.template')
        router.get('/imports/:id', [ImportsController, 'show']).as('imports.show')
        router.post('/imports/:id/commit', [ImportsController, 'commit']).as('imports.commit')
        router.post('/imports/:id/approve', [ImportsController, 'approve']).as('imports.approve')
        router.post('/imports/:id/reject', [ImportsController, 'reject']).as('imports.reject')
        router
          .get('/imports/:id/errors.xlsx', [ImportsController, 'errorReport'])
          .as('imports.error_report')
      })
      .where('id', router.matchers.number())
      // Bearer tokens only: a browser's ambient cookie never authenticates an API call (CSRF).
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')

// Statement confirmation (对账确认), send now, the phone pages: start/routes_statements.ts
await import('#start/routes_statements')

// Limits per currency and the month-end FX revaluation (issue 19): start/routes_currency_fx.ts
await import('#start/routes_currency_fx')
// Documents, 反核销 and 核销建议 (issue 19): start/routes_documents.ts
await import('#start/routes_documents')
// The panel's language preference (POST /admin/language): start/routes_panel.ts
await import('#start/routes_panel')
// The panel's Customer 360 page and list tools (issue 17): start/routes_panel_360.ts
await import('#start/routes_panel_360')
