/*
| Statement confirmation (对账确认) and the phone pages (issue 18). Public /s/ routes take a signed
| token (no login) and are rate-limited; the API routes take bearer tokens like the rest of /api/v1.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { statementLinkThrottle } from '#start/limiter'

const PublicConfirmationsController = () =>
  import('#modules/reports/confirmations/public_confirmations_controller')
const MobileApprovalsController = () => import('#modules/mobile/mobile_approvals_controller')
const MobileBalancesController = () => import('#modules/mobile/mobile_balances_controller')
const StatementsController = () => import('#modules/reports/controllers/statements_controller')
const StatementConfirmationsController = () =>
  import('#modules/reports/confirmations/statement_confirmations_controller')

router
  .group(() => {
    router.get('/:token', [PublicConfirmationsController, 'show']).as('statement_links.show')
    router.get('/:token/pdf', [PublicConfirmationsController, 'pdf']).as('statement_links.pdf')
    router
      .post('/:token/confirm', [PublicConfirmationsController, 'confirm'])
      .as('statement_links.confirm')
    router
      .post('/:token/dispute', [PublicConfirmationsController, 'dispute'])
      .as('statement_links.dispute')
  })
  .prefix('/s')
  .use(statementLinkThrottle)

router
  .group(() => {
    router.post('/statements/send', [StatementsController, 'send']).as('statements.send')
    router
      .get('/customers/:id/statement-contacts', [StatementsController, 'contacts'])
      .where('id', router.matchers.number())
      .as('customers.statement_contacts.show')
    router
      .put('/customers/:id/statement-contacts', [StatementsController, 'replaceContacts'])
      .where('id', router.matchers.number())
      .as('customers.statement_contacts.replace')
    router
      .get('/statement-confirmations', [StatementConfirmationsController, 'index'])
      .as('statement_confirmations.index')
    router
      .get('/statement-confirmations/:id', [StatementConfirmationsController, 'show'])
      .where('id', router.matchers.number())
      .as('statement_confirmations.show')
    router
      .get('/statement-confirmations/:id/attachment', [
        StatementConfirmationsController,
        'attachment',
      ])
      .where('id', router.matchers.number())
      .as('statement_confirmations.attachment')
    router
      .post('/statement-confirmations/:id/resolve', [StatementConfirmationsController, 'resolve'])
      .where('id', router.matchers.number())
      .as('statement_confirmations.resolve')
    router
      .post('/statement-confirmations/:id/reopen', [StatementConfirmationsController, 'reopen'])
      .where('id', router.matchers.number())
      .as('statement_confirmations.reopen')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

// The phone pages for staff: the panel's login session (CSRF-protected forms)
router.get('/m/approvals', [MobileApprovalsController, 'index']).as('mobile.approvals.index')
router
  .get('/m/approvals/:id', [MobileApprovalsController, 'show'])
  .where('id', router.matchers.number())
  .as('mobile.approvals.show')
router
  .post('/m/approvals/:id/decide', [MobileApprovalsController, 'decide'])
  .where('id', router.matchers.number())
  .as('mobile.approvals.decide')
router.get('/m/balances', [MobileBalancesController, 'index']).as('mobile.balances')
