import logger from '@adonisjs/core/services/logger'
import { systemActor } from '#kernel/actor'
import { backupSettings } from '#modules/backup/backup_settings'
import { pruneBackups, takeBackup } from '#modules/backup/services/backup_catalogue'
import type { JobModule } from '#modules/worker/public'

/**
 * The daily backup (BACKUP_CRON, company time; `off` disables it), then the retention policy. pg-boss
 * fires the cron once across every worker, and retries a run that failed.
 */
export default function backupJobsModule(): JobModule {
  const cron = backupSettings.cron
  if (cron === 'off') return { name: 'backup', jobs: [] }
  return {
    name: 'backup',
    jobs: [
      {
        queue: 'backup-daily',
        cron,
        work: { batchSize: 1 },
        async handle() {
          const actor = systemActor('backup:schedule')
          const backup = await takeBackup(actor, { trigger: 'scheduled' })
          const pruned = await pruneBackups(actor)
          logger.info(`backup written: ${backup.file} (${backup.bytes} bytes); ${pruned} pruned`)
        },
      },
    ],
  }
}
