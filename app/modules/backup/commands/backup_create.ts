import { resolve } from 'node:path'
import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

export default class BackupCreate extends AppCommand {
  static commandName = 'backup:create'
  static description =
    'Write a consistent backup (pg_dump custom format, or a COPY archive without pg_dump) with its manifest'

  @flags.string({ description: 'Folder to write the backup file into (default BACKUP_DIR)' })
  declare out?: string

  @flags.string({ description: 'auto | pg_dump | copy (default BACKUP_FORMAT, auto)' })
  declare format?: string

  async run() {
    const { backupFlagsValidator } = await import('#modules/backup/validators/backup_validators')
    const input = await this.validated(backupFlagsValidator, { format: this.format })
    if (!input) return
    const { takeBackup } = await import('#modules/backup/services/backup_catalogue')
    const { systemActor } = await import('#kernel/actor')
    const backup = await takeBackup(systemActor('backup:create'), {
      trigger: 'manual',
      outDir: this.out ? resolve(this.out) : undefined,
      format: input.format,
    })
    const { manifest } = backup
    this.logger.success(`backup written: ${backup.file}`)
    this.logger.info(
      `${manifest.format}, ${backup.bytes} bytes, sha256 ${backup.sha256}; journals up to #${manifest.ledgerPosition.journalId}, audit rows up to #${manifest.ledgerPosition.auditLogId}`
    )
  }
}
