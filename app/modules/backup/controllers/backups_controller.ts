import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { listBackups } from '#modules/backup/services/backup_queries'

/** The backup catalogue, newest first (admins and auditors). */
export default class BackupsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'backups.read')
    return { data: await listBackups() }
  }
}
