/*
| Limits per currency and the month-end FX revaluation (issue 19). Bearer tokens like the rest of
| /api/v1.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CurrencyLimitsController = () =>
  import('#modules/customers/controllers/currency_limits_controller')
const FxRevaluationsController = () =>
  import('#modules/prepayments/controllers/fx_revaluations_controller')

router
  .group(() => {
    router
      .get('/customers/:id/limits', [CurrencyLimitsController, 'index'])
      .where('id', router.matchers.number())
      .as('customers.limits.index')
    router
      .put('/customers/:id/limits', [CurrencyLimitsController, 'update'])
      .where('id', router.matchers.number())
      .as('customers.limits.update')
    router
      .get('/periods/:period/revaluation', [FxRevaluationsController, 'show'])
      .as('periods.revaluation.show')
    router
      .post('/periods/:period/revaluation', [FxRevaluationsController, 'store'])
      .as('periods.revaluation.store')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
