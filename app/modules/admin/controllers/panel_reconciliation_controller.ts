import type { HttpContext } from '@adonisjs/core/http'
import { Forbidden } from '#kernel/errors'
import { panelCaller } from '#modules/admin/controllers/panel_caller'
import { can } from '#modules/admin/panel/panel_user'
import { ReconciliationController } from '#modules/banking/public'

/**
 * The panel's reconciliation download (/admin/reconciliation?…&format=xlsx|csv): the API's report
 * with the panel session (the API takes bearer tokens only). Read-only, but the file names payers
 * and amounts, so another site's page may not fetch it either.
 */
export default class PanelReconciliationController extends ReconciliationController {
  protected async authorize(ctx: HttpContext): Promise<void> {
    const user = await panelCaller(ctx)
    if (!can(user, 'bank.read')) throw new Forbidden()
  }
}
