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
  declare format?: 'auto' | 'pg_dump' | 'copy'

  async run() {
    const { takeBackup } = await import('#modules/backup/services/backup_catalogue')
    const { systemActor } = await import('#kernel/actor')
    if (this.format && !['auto', 'pg_dump', 'copy'].includes(this.format)) {
      return this.fail('--format must be auto, pg_dump or copy')
    }
    const backup = await takeBackup(systemActor('backup:create'), {
      trigger: 'manual',
      outDir: this.out ? resolve(this.out) : undefined,
      format: this.format,
    })
    const { manifest } = backup
    this.logger.success(`backup written: ${backup.file}`)
    this.logger.info(
      `${manifest.format}, ${backup.bytes} bytes, sha256 ${backup.sha256}; journals up to #${manifest.ledgerPosition.journalId}, audit rows up to #${manifest.ledgerPosition.auditLogId}`
    )
  }
}
