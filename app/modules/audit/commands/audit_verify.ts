import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

/** Services are imported inside run(): listing commands must not load the application. */
export default class AuditVerify extends AppCommand {
  static commandName = 'audit:verify'
  static description =
    'Recompute the audit log hash chains (since the last checkpoint, or --full) and report the first broken row'

  @flags.boolean({
    description: 'Every chain from its genesis, not from the last signed checkpoint',
  })
  declare full: boolean

  async run() {
    const { verifyAuditChains } = await import('#modules/audit/services/audit_verifier')
    const started = performance.now()
    const report = await verifyAuditChains({ mode: this.full ? 'full' : 'incremental' })
    const seconds = (performance.now() - started) / 1000
    if (report.valid) {
      const from =
        report.mode === 'full'
          ? 'from the genesis'
          : `${report.fromCheckpoint} chains from their checkpoint`
      this.logger.success(
        `audit log intact: ${report.rowsChecked} rows verified (${from}) in ${seconds.toFixed(1)} s`
      )
      return
    }
    const b = report.firstBroken!
    this.logger.error(
      `audit log broken at row ${b.id} (chain ${b.chain}, seq ${b.seq}): ${b.reason}` +
        (b.journalId === undefined ? '' : ` (journal ${b.journalId})`)
    )
    this.exitCode = 1
  }
}
