import { flags } from '@adonisjs/core/ace'
import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/** `node ace bench:audit`: audit-chain verification speed (bench/README.md); a `_bench` database only. */
export default class AuditBench extends BenchCommand {
  static commandName = 'bench:audit'
  static description =
    'Audit verification: full rows/s and an incremental verify (DATABASE_URL …_bench)'
  static seeds = 'it is seeded with the audit rows to verify'

  @countFlag('audit rows to verify (seeded up to this count)', 1_000_000)
  declare rows: number

  @flags.number({ description: 'rows written before the incremental verify', default: 10_000 })
  declare tail: number

  protected async measure(log: BenchLog) {
    const { runAuditVerifyBench } = await import('../../../../bench/audit_verify_bench.js')
    return runAuditVerifyBench({ rows: this.rows, tail: this.tail, log })
  }
}
