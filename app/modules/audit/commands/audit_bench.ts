import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace bench:audit`: audit-chain verification speed (bench/README.md); a `_bench` database only. */
export default class AuditBench extends BaseCommand {
  static commandName = 'bench:audit'
  static description =
    'Audit verification: full rows/s and an incremental verify (DATABASE_URL …_bench)'
  static options: CommandOptions = { startApp: true }

  @flags.number({
    description: 'audit rows to verify (seeded up to this count)',
    default: 1_000_000,
  })
  declare rows: number

  @flags.number({ description: 'rows written before the incremental verify', default: 10_000 })
  declare tail: number

  async run() {
    const database = new URL(process.env.DATABASE_URL ?? 'postgres://x/none').pathname.slice(1)
    if (!database.endsWith('_bench')) {
      this.logger.error('set DATABASE_URL to a database whose name ends in _bench')
      this.exitCode = 1
      return
    }
    const { runAuditVerifyBench } = await import('../../../../bench/audit_verify_bench.js')
    await runAuditVerifyBench({
      rows: this.rows,
      tail: this.tail,
      log: (line) => console.log(line),
    })
  }
}
