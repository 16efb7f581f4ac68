import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { ROLES, type Role } from '#modules/identity/roles'

/** Services are imported inside run(): listing commands must not load the application. */
export default class UserCreate extends BaseCommand {
  static commandName = 'user:create'
  static description = 'Create a user: node ace user:create --email E --password P --role R'
  static options: CommandOptions = { startApp: true }

  @flags.string({ required: true })
  declare email: string

  @flags.string({ required: true })
  declare password: string

  @flags.string({ required: true, description: ROLES.join(' | ') })
  declare role: string

  @flags.string({ description: 'display name (defaults to the e-mail)' })
  declare name?: string

  @flags.string()
  declare department?: string

  async run() {
    if (!ROLES.includes(this.role as Role)) {
      this.logger.error(`role must be one of ${ROLES.join(', ')}`)
      this.exitCode = 1
      return
    }
    const { UserService } = await import('#modules/identity/services/user_service')
    const { systemActor } = await import('#kernel/actor')
    const user = await new UserService().create(systemActor('cli'), {
      email: this.email,
      password: this.password,
      role: this.role as Role,
      fullName: this.name ?? this.email,
      department: this.department ?? null,
    })
    this.logger.success(`created user #${user.id} ${user.email} (${user.role})`)
  }
}
