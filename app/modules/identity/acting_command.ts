import { flags } from '@adonisjs/core/ace'
import type { Actor } from '#kernel/actor'
import { AppCommand } from '#kernel/cli_command'
import { hasPermission, type Permission } from '#modules/identity/roles'

/**
 * A command that acts as a user from the shell (`--as EMAIL`, by default the first finance
 * manager): its work is authorised and audited as theirs. A user whose role lacks the command's
 * permission is refused before any work, as the API would refuse them.
 */
export abstract class ActingCommand extends AppCommand {
  @flags.string({ description: 'the user it runs as (default: the first finance_manager)' })
  declare as: string

  /** The actor of this run; null when there is no such user (the command has then failed). */
  protected async actingActor(permission: Permission): Promise<Actor | null> {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { systemActor } = await import('#kernel/actor')
    const user = this.as
      ? await db.from('users').where('email', this.as).first()
      : await db
          .from('users')
          .where({ role: 'finance_manager', is_active: true })
          .orderBy('id')
          .first()
    if (!user) {
      this.fail('no such user (use --as EMAIL)')
      return null
    }
    // a deactivated user acts nowhere: not in the panel, not through the API, not from the shell
    if (!user.is_active) {
      this.fail(`${user.email} is deactivated and cannot act`)
      return null
    }
    if (!hasPermission(user.role, permission)) {
      this.fail(`${user.email} (${user.role}) may not act here: it needs ${permission}`)
      return null
    }
    const source = (this.constructor as typeof AppCommand).commandName
    return systemActor(source, { id: Number(user.id), role: user.role })
  }
}
