import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { company } from '#kernel/company'
import type { BackupFormat } from '#modules/backup/services/backup_writer'

/** The backup settings in one place (environment, with the defaults README documents). */
export const backupSettings = {
  get directory() {
    return app.makePath(env.get('BACKUP_DIR') ?? 'tmp/backups')
  },
  /** daily at 02:30 company time; `off` disables the scheduled backup */
  get cron() {
    return env.get('BACKUP_CRON') ?? '30 2 * * *'
  },
  get format(): BackupFormat {
    return env.get('BACKUP_FORMAT') ?? 'auto'
  },
  get retention() {
    return {
      daily: env.get('BACKUP_RETAIN_DAILY') ?? 7,
      monthly: env.get('BACKUP_RETAIN_MONTHLY') ?? 12,
      timeZone: company.timezone,
    }
  },
  get databaseUrl() {
    return env.get('DATABASE_URL')
  },
}
