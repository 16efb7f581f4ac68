import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Forbidden } from '#kernel/errors'
import { panelCaller } from '#modules/admin/controllers/panel_caller'
import { panelActor } from '#modules/admin/panel/panel_user'
import { BankStatementsController } from '#modules/banking/public'
import { STATEMENT_PROFILES } from '#modules/banking/public'
import { hasPermission, type Permission } from '#modules/identity/public'
import type { Actor } from '#kernel/actor'

/**
 * The panel's statement upload page calls these routes (/admin/bank-statements…) with its session
 * cookie: the JSON API takes bearer tokens only. The same import, matching, permissions and audit
 * rows as the API; a request another site's page made is refused (as for /admin/imports).
 */
export default class PanelBankStatementsController extends BankStatementsController {
  protected async actor(ctx: HttpContext, permission: Permission): Promise<Actor> {
    const user = await panelCaller(ctx)
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
