import type { Secret } from '@adonisjs/core/helpers'
import { tokensUserProvider, type AccessToken } from '@adonisjs/auth/access_tokens'
import type {
  AccessTokensGuardUser,
  AccessTokensUserProviderContract,
} from '@adonisjs/auth/types/access_tokens'
import { symbols } from '@adonisjs/auth'
import type User from '#modules/identity/models/user'

const userModel = () => import('#modules/identity/models/user')
const stock = tokensUserProvider({ tokens: 'accessTokens', model: userModel })
let model: typeof User | undefined
/** The model, imported on first use (config files load before the ORM is ready). */
async function users(): Promise<typeof User> {
  if (!model) {
    const imported = await userModel()
    model = imported.default
  }
  return model
}

/**
 * The API guard's user provider, one per request: the guard asks for the token, then for its user
 * by id; this provider reads both with the token (one query) and answers the second question from
 * what it read. Creating and invalidating tokens are the stock provider's.
 */
export class TokenUserProvider implements AccessTokensUserProviderContract<User> {
  declare [symbols.PROVIDER_REAL_USER]: User
  private verifiedUser: User | undefined

  createUserForGuard(user: User): Promise<AccessTokensGuardUser<User>> {
    return stock.createUserForGuard(user)
  }

  createToken(
    user: User,
    abilities?: string[],
    options?: { name?: string; expiresIn?: string | number }
  ) {
    return stock.createToken(user, abilities, options)
  }

  invalidateToken(tokenValue: Secret<string>): Promise<boolean> {
    return stock.invalidateToken(tokenValue)
  }

  async verifyToken(tokenValue: Secret<string>): Promise<AccessToken | null> {
    const User = await users()
    const verified = await User.accessTokens.verifyWithTokenable(tokenValue)
    if (!verified) return null
    this.verifiedUser = User.$createFromAdapterResult(verified.tokenable) ?? undefined
    return verified.token
  }

  async findById(identifier: string | number | BigInt) {
    const User = await users()
    const user =
      this.verifiedUser && String(this.verifiedUser.id) === String(identifier)
        ? this.verifiedUser
        : await User.find(identifier)
    return user ? this.createUserForGuard(user) : null
  }
}
