import limiter from '@adonisjs/limiter/services/main'
import { ApiError } from '#kernel/errors'
import User from '#modules/identity/models/user'
import type { Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

/** Five wrong passwords per address and e-mail within a minute lock that pair out for 15 minutes. */
const failedLogins = () => limiter.use({ requests: 5, duration: '1 min', blockDuration: '15 mins' })

/** Checks credentials with throttling and writes login / failed-login rows to the audit log. */
export class LoginService {
  async verify(actor: Actor, email: string, password: string): Promise<User> {
    const key = `login:${actor.ip}:${email.toLowerCase()}`
    let outcome: Awaited<ReturnType<typeof this.attempt>>
    try {
      outcome = await this.attempt(key, email, password)
    } catch {
      await this.recordFailure(actor, email)
      throw new ApiError(401, [
        { field: 'password', rule: 'credentials', message: 'email or password is wrong' },
      ])
    }
    const [blocked, user] = outcome
    if (blocked || !user) {
      throw new ApiError(429, [
        { rule: 'too_many_requests', message: 'too many failed logins; try again later' },
      ])
    }
    if (!user.isActive) {
      await this.recordFailure(actor, email)
      throw new ApiError(401, [{ rule: 'inactive', message: 'this account is deactivated' }])
    }
    await runInTransaction({ ...actor, userId: user.id, role: user.role }, async (uow) => {
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        action: 'login',
        after: { email: user.email },
      })
    })
    return user
  }

  /** Wrong credentials throw (and cost a point); a blocked key answers [error, null] without trying. */
  private attempt(key: string, email: string, password: string) {
    return failedLogins().penalize(key, () => User.verifyCredentials(email, password))
  }

  async recordLogout(actor: Actor) {
    await runInTransaction(actor, async (uow) => {
      uow.audit({ entityType: 'user', entityId: actor.userId, action: 'logout' })
    })
  }

  private async recordFailure(actor: Actor, email: string) {
    await runInTransaction(actor, async (uow) => {
      uow.audit({ entityType: 'user', entityId: null, action: 'login_failed', after: { email } })
    })
  }
}
