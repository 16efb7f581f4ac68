/*
| Routes. The JSON API for other systems is versioned under /api/v1 and must stay stable.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const HealthController = () => import('#modules/health/health_controller')
const AuthTokensController = () => import('#modules/identity/controllers/auth_tokens_controller')
const WebSessionController = () => import('#modules/identity/controllers/web_session_controller')
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
const ReportSchedulesController = () =>
  import('#modules/reports/controllers/report_schedules_controller')
const ReportDeliveriesController = () =>
  import('#modules/reports/controllers/report_deliveries_controller')
const ImportsController = () => import('#modules/imports/controllers/imports_controller')

router.get('/', async ({ response }) => response.redirect('/health'))
router.get('/health', [HealthController, 'show'])

router.post('/login', [WebSessionController, 'store'])

// The AdminJS back-office is mounted at /admin by its provider; its own plain routes:
router.get('/admin/exports/audit_logs.csv', [PanelExportsController, 'auditLogs'])
router.get('/admin/reports/deliveries/:id/pdf', [PanelExportsController, 'deliveryPdf'])
router.post('/logout', [WebSessionController, 'destroy']).use(middleware.auth({ guards: ['web'] }))

router
  .group(() => {
    router.post('/auth/tokens', [AuthTokensController, 'store'])

    router
      .group(() => {
        router.delete('/auth/tokens/current', [AuthTokensController, 'destroy'])
        router.get('/me', [AuthTokensController, 'me'])

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
        router.get('/audit/verify', [AuditController, 'verify'])

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
          .get('/imports/:id/errors.xlsx', [ImportsController, 'errorReport'])
          .where('id', router.matchers.number())
      })
      .use(middleware.auth({ guards: ['api', 'web'] }))
  })
  .prefix('/api/v1')
