/*
| Documents (发票 / 订单 / 送货单), 反核销 and 核销建议 (issue 19): bearer tokens, like the rest of /api/v1.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DocumentsController = () => import('#modules/prepayments/controllers/documents_controller')

router
  .group(() => {
    router.get('/documents', [DocumentsController, 'index']).as('documents.index')
    router.post('/documents', [DocumentsController, 'store']).as('documents.store')
    router.get('/documents/:id', [DocumentsController, 'show']).as('documents.show')
    router.post('/documents/:id/cancel', [DocumentsController, 'cancel']).as('documents.cancel')
    router.post('/journals/:id/unapply', [DocumentsController, 'unapply']).as('journals.unapply')
    router
      .get('/customers/:id/application-suggestions', [DocumentsController, 'suggest'])
      .as('customers.application_suggestions')
    router
      .post('/customers/:id/application-suggestions/apply', [
        DocumentsController,
        'applySuggestions',
      ])
      .as('customers.application_suggestions.apply')
  })
  .where('id', router.matchers.number())
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
