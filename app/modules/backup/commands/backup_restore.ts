import { resolve } from 'node:path'
import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * Restores into another, empty database and proves the copy. It does not boot the application
 * (the restored database is not the one the app is configured with): it needs only this release's
 * files, for the checks it runs against the copy.
 */
export default class BackupRestore extends AppCommand {
  static commandName = 'backup:restore'
  static description =
    'Restore a backup into an empty database, then check counts, chain heads, ledger:check and audit:verify'
  static options: CommandOptions = { startApp: false }

  @args.string({ description: 'The backup file (advance-ledger-….backup)' })
  declare file: string

  @flags.string({
    description: 'PostgreSQL URL of the empty (or missing) database to restore into',
  })
  declare into: string

  async run() {
    if (!this.into) {
      return this.fail('--into DATABASE_URL is required')
    }
    const { restoreBackup } = await import('#modules/backup/services/backup_restorer')
    const { BackupRefused } = await import('#modules/backup/services/backup_reader')
    try {
      const report = await restoreBackup({
        file: resolve(this.file),
        targetUrl: this.into,
        appRoot: this.app.makePath(),
      })
      for (const difference of report.differences) this.logger.error(difference)
      for (const check of report.checks)
        this.logger[check.ok ? 'info' : 'error'](
          `${check.command}: ${check.ok ? 'passed' : check.output}`
        )
      if (report.ok) {
        this.logger.success(`restored the ${report.format} backup of ${report.createdAt}: verified`)
        return
      }
      this.exitCode = 1
    } catch (error) {
      if (!(error instanceof BackupRefused)) throw error
      this.fail(`refused: ${error.message}`)
    }
  }
}
