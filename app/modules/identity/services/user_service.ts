import { Conflict, NotFound } from '#kernel/errors'
import User from '#modules/identity/models/user'
import type { Role } from '#modules/identity/roles'
import type { Actor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'

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

/** A user's row, locked for an edit in this unit of work. */
export async function lockUser(uow: UnitOfWork, userId: number): Promise<User> {
  const user = await User.query({ client: uow.trx }).where('id', userId).forUpdate().first()
  if (!user) throw new NotFound('user')
  return user
}

/** Saves an edit of a user, audited in the same unit of work as what it was and what it is. */
export async function saveUserEdit(
  uow: UnitOfWork,
  user: User,
  action: 'update' | 'deactivate',
  before: Record<string, unknown>,
  after: Record<string, unknown>
) {
  await user.save()
  uow.audit({ entityType: 'user', entityId: user.id, action, before, after })
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

  /** Role, name, department or password of a user; audited with before/after (never the password). */
  async update(actor: Actor, userId: number, changes: UserChanges) {
    return runInTransaction(actor, async (uow) => {
      const user = await lockUser(uow, userId)
      const before = snapshot(user)
      user.merge({
        role: changes.role ?? user.role,
        fullName: changes.fullName ?? user.fullName,
        department: changes.department === undefined ? user.department : changes.department,
      })
      if (changes.password) user.password = changes.password
      await saveUserEdit(uow, user, 'update', before, {
        ...snapshot(user),
        passwordChanged: Boolean(changes.password),
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
      const user = await lockUser(uow, userId)
      if (!user.isActive) return user
      const before = snapshot(user)
      user.isActive = false
      await saveUserEdit(uow, user, 'deactivate', before, snapshot(user))
      await uow.trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
      return user
    })
  }
}
