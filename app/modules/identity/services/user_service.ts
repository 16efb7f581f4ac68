import { Conflict } from '#exceptions/api_errors'
import User from '#modules/identity/models/user'
import type { Role } from '#modules/identity/roles'
import type { Actor } from '#modules/shared/actor'
import { runInTransaction } from '#modules/shared/unit_of_work'

export interface NewUser {
  email: string
  password: string
  role: Role
  fullName: string
  department?: string | null
}

export class UserService {
  async create(actor: Actor, input: NewUser) {
    return runInTransaction(actor, async (uow) => {
      const email = input.email.trim().toLowerCase()
      if (await User.query({ client: uow.trx }).where('email', email).first()) {
        throw new Conflict(
          'unique',
          `a user with e-mail ${email} already exists`,
          undefined,
          'email'
        )
      }
      const user = await User.create(
        {
          email,
          password: input.password,
          role: input.role,
          fullName: input.fullName,
          department: input.department ?? null,
          locale: 'zh-CN',
          isActive: true,
        },
        { client: uow.trx }
      )
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        action: 'create',
        after: { email, role: user.role, fullName: user.fullName, department: user.department },
      })
      return user
    })
  }
}
