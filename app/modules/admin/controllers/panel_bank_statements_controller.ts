import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { ApiError, Forbidden } from '#kernel/errors'
import { refuseCrossSite } from '#modules/admin/controllers/panel_imports_controller'
import { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
import { panelActor } from '#modules/admin/panel/panel_user'
import BankStatementsController from '#modules/banking/controllers/bank_statements_controller'
import { STATEMENT_PROFILES } from '#modules/banking/parsers/parse_statement'
import { hasPermission, type Permission } from '#modules/identity/roles'
import type { Actor } from '#kernel/actor'

/**
 * The panel's statement upload page calls these routes (/admin/bank-statements…) with its session
 * cookie: the JSON API takes bearer tokens only. The same import, matching, permissions and audit
 * rows as the API; a request another site's page made is refused (as for /admin/imports).
 */
export default class PanelBankStatementsController extends BankStatementsController {
  protected async actor(ctx: HttpContext, permission: Permission): Promise<Actor> {
    refuseCrossSite(ctx)
    const user = await requirePanelUser(ctx)
    if (!user) {
      throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in to the panel first' }])
    }
    if (!hasPermission(user.role, permission)) throw new Forbidden()
    return panelActor(user, ctx)
  }

  /** What the upload page offers: the active accounts and the statement formats. */
  async options(ctx: HttpContext) {
    await this.actor(ctx, 'bank.import')
    const accounts = await db
      .from('bank_accounts')
      .where('is_active', true)
      .orderBy('id')
      .select('id', 'name', 'bank_name', 'account_no', 'currency', 'channel')
    return {
      accounts: accounts.map((a) => ({
        id: Number(a.id),
        label: `${a.name} · ${a.account_no} · ${a.currency}`,
      })),
      profiles: STATEMENT_PROFILES,
    }
  }
}
