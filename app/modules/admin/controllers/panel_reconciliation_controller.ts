import type { HttpContext } from '@adonisjs/core/http'
import { ApiError, Forbidden } from '#kernel/errors'
import { refuseCrossSite } from '#modules/admin/controllers/panel_imports_controller'
import { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
import { can } from '#modules/admin/panel/panel_user'
import ReconciliationController from '#modules/banking/controllers/reconciliation_controller'

/**
 * The panel's reconciliation download (/admin/reconciliation?…&format=xlsx|csv): the API's report
 * with the panel session (the API takes bearer tokens only). Read-only, but the file names payers
 * and amounts, so another site's page may not fetch it either.
 */
export default class PanelReconciliationController extends ReconciliationController {
  protected async authorize(ctx: HttpContext): Promise<void> {
    refuseCrossSite(ctx)
    const user = await requirePanelUser(ctx)
    if (!user) {
      throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in to the panel first' }])
    }
    if (!can(user, 'bank.read')) throw new Forbidden()
  }
}
