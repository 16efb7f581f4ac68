import { BaseAuthProvider, type CurrentAdmin, type LoginHandlerOptions } from 'adminjs'
import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#kernel/errors'
import { LoginService } from '#modules/identity/public'
import { actorFromHttp } from '#kernel/actor'
import { toPanelUser, type PanelUser } from '#modules/admin/panel/panel_user'

/**
 * The panel logs in with the application's own users: LoginService checks the password with
 * User.verifyCredentials, throttles repeated failures and audits login / failed login. The user is
 * also logged into the `web` session guard, so the browser may call the JSON API with the same session.
 */
export class PanelAuthProvider extends BaseAuthProvider {
  constructor(private login = new LoginService()) {
    super()
  }

  override async handleLogin(
    opts: LoginHandlerOptions,
    ctx: HttpContext
  ): Promise<CurrentAdmin | null> {
    const { email, password } = (opts.data ?? {}) as { email?: unknown; password?: unknown }
    if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
      return null
    }
    try {
      const user = await this.login.verify(actorFromHttp(ctx), email.trim(), password)
      await ctx.auth.use('web').login(user)
      const panelUser: PanelUser = toPanelUser(user)
      return panelUser as unknown as CurrentAdmin
    } catch (error) {
      if (error instanceof ApiError) return null
      throw error
    }
  }
}
