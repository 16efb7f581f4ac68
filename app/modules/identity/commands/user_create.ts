import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'
import { ROLES, type Role } from '#modules/identity/roles'

export default class UserCreate extends AppCommand {
  static commandName = 'user:create'
  static description = 'Create a user: node ace user:create --email E --password P --role R'

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
      return this.fail(`role must be one of ${ROLES.join(', ')}`)
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
