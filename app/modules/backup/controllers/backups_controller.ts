import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#modules/identity/public'
import { listBackups } from '#modules/backup/services/backup_queries'

/** The backup catalogue, newest first (admins and auditors). */
export default class BackupsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'backups.read')
    return { data: await listBackups() }
  }
}
