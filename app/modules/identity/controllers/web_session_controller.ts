import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { LoginService } from '#modules/identity/services/login_service'
import { credentialsValidator } from '#modules/identity/validators/auth_validators'
import { actorFromHttp } from '#modules/shared/actor'

/** Cookie session login for browser use of the JSON API (the admin panel has its own login page). */
@inject()
export default class WebSessionController {
  constructor(private login: LoginService) {}

  async store(ctx: HttpContext) {
    const { email, password } = await ctx.request.validateUsing(credentialsValidator)
    const user = await this.login.verify(actorFromHttp(ctx), email, password)
    await ctx.auth.use('web').login(user)
    return { id: user.id, email: user.email, role: user.role }
  }

  async destroy(ctx: HttpContext) {
    await this.login.recordLogout(actorFromHttp(ctx))
    await ctx.auth.use('web').logout()
    return ctx.response.noContent()
  }
}
