import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#modules/identity/models/user'
import { LoginService } from '#modules/identity/services/login_service'
import { credentialsValidator } from '#modules/identity/validators/auth_validators'
import { actorFromHttp } from '#kernel/actor'

@inject()
export default class AuthTokensController {
  constructor(private login: LoginService) {}

  /** POST /api/v1/auth/tokens {email,password} → {token} */
  async store(ctx: HttpContext) {
    const { email, password } = await ctx.request.validateUsing(credentialsValidator)
    const user = await this.login.verify(actorFromHttp(ctx), email, password)
    const token = await User.accessTokens.create(user)
    ctx.response.status(201)
    return {
      token: token.value!.release(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
      user: { id: user.id, email: user.email, fullName: user.fullName, role: user.role },
    }
  }

  /** DELETE /api/v1/auth/tokens/current */
  async destroy(ctx: HttpContext) {
    const user = ctx.auth.use('api').getUserOrFail()
    await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    await this.login.recordLogout(actorFromHttp(ctx))
    return ctx.response.noContent()
  }

  /** GET /api/v1/me */
  async me({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      department: user.department,
    }
  }
}
