import { defineConfig } from '@adonisjs/auth'
import { AccessTokensGuard } from '@adonisjs/auth/access_tokens'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import type { InferAuthEvents, Authenticators } from '@adonisjs/auth/types'
import type { ApplicationService } from '@adonisjs/core/types'
import type { HttpContext } from '@adonisjs/core/http'

const authConfig = defineConfig({
  default: 'api',
  guards: {
    // Adonis's tokens guard with a user provider per request that reads the token and its user
    // in one query (see TokenUserProvider).
    api: {
      async resolver(name: string, app: ApplicationService) {
        const emitter = await app.container.make('emitter')
        const { TokenUserProvider } = await import('#modules/identity/services/token_user_provider')
        return (ctx: HttpContext) =>
          new AccessTokensGuard(name, ctx, emitter as any, new TokenUserProvider())
      },
    },
    web: sessionGuard({
      useRememberMeTokens: false,
      provider: sessionUserProvider({ model: () => import('#modules/identity/models/user') }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
