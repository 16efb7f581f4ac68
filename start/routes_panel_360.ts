/*
| The panel's Customer 360 page and list tools (issue 17): its own JSON routes under /admin, read
| with the panel's session cookie (same-site only, see panel_caller.ts).
*/
import router from '@adonisjs/core/services/router'

const PanelCustomer360Controller = () =>
  import('#modules/admin/controllers/panel_customer_360_controller')
const PanelListsController = () => import('#modules/admin/controllers/panel_lists_controller')

router
  .group(() => {
    router.get('/customers/:id/360', [PanelCustomer360Controller, 'show']).as('customer_360.show')
    router
      .get('/customers/:id/statement.pdf', [PanelCustomer360Controller, 'statementPdf'])
      .as('customer_360.statement_pdf')
    router.get('/lists/:resource', [PanelListsController, 'show']).as('lists.show')
    router.get('/lists/:resource/export.xlsx', [PanelListsController, 'export']).as('lists.export')
    router
      .post('/lists/:resource/saved-filters', [PanelListsController, 'saveFilter'])
      .as('saved_filters.store')
    router
      .delete('/saved-filters/:id', [PanelListsController, 'destroyFilter'])
      .as('saved_filters.destroy')
  })
  .prefix('/admin')
  .as('admin')
  .where('id', router.matchers.number())
  .where('resource', /^[a-z_]{1,60}$/)
