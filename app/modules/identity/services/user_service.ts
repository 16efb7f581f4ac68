import { Conflict, NotFound } from '#kernel/errors'
import User from '#modules/identity/models/user'
import type { Role } from '#modules/identity/roles'
import type { Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

export interface NewUser {
  email: string
  password: string
  role: Role
  fullName: string
  department?: string | null
}

export interface UserChanges {
  role?: Role
  fullName?: string
  department?: string | null
  password?: string
}

const snapshot = (user: User) => ({
  email: user.email,
  role: user.role,
  fullName: user.fullName,
  department: user.department,
  isActive: user.isActive,
})

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

  /** Role, name, department or password of a user; audited with before/after (never the password). */
  async update(actor: Actor, userId: number, changes: UserChanges) {
    return runInTransaction(actor, async (uow) => {
      const user = await User.query({ client: uow.trx }).where('id', userId).forUpdate().first()
      if (!user) throw new NotFound('user')
      const before = snapshot(user)
      user.merge({
        role: changes.role ?? user.role,
        fullName: changes.fullName ?? user.fullName,
        department: changes.department === undefined ? user.department : changes.department,
      })
      if (changes.password) user.password = changes.password
      await user.save()
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        action: 'update',
        before,
        after: { ...snapshot(user), passwordChanged: Boolean(changes.password) },
      })
      return user
    })
  }

  /** Deactivated users can no longer log in (API, tokens, panel); nobody deactivates themselves. */
  async deactivate(actor: Actor, userId: number) {
    return runInTransaction(actor, async (uow) => {
      if (actor.userId === userId) {
        throw new Conflict('self', 'you cannot deactivate your own account', undefined, 'isActive')
      }
      const user = await User.query({ client: uow.trx }).where('id', userId).forUpdate().first()
      if (!user) throw new NotFound('user')
      if (!user.isActive) return user
      const before = snapshot(user)
      user.isActive = false
      await user.save()
      await uow.trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        action: 'deactivate',
        before,
        after: snapshot(user),
      })
      return user
    })
  }
}
