import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Services are imported inside run(): listing commands must not load the application. */
export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description = 'Recompute the audit log hash chains and report the first broken row'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { verifyAuditChains } = await import('#modules/audit/services/audit_verifier')
    const report = await verifyAuditChains()
    if (report.valid) {
      this.logger.success(`audit log intact: ${report.rowsChecked} rows verified`)
      return
    }
    const b = report.firstBroken!
    this.logger.error(
      `audit log broken at row ${b.id} (chain ${b.chain}, seq ${b.seq}): ${b.reason}`
    )
    this.exitCode = 1
  }
}
