import { flags } from '@adonisjs/core/ace'
import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/** `node ace reports:bench`: statement throughput on the demo data (bench/statement_bench.ts). */
export default class ReportsBench extends BenchCommand {
  static commandName = 'reports:bench'
  static description = 'Measure statement PDF throughput on the demo data (warm browser, page pool)'

  @countFlag('pages in the pool', 2)
  declare pool: number

  @countFlag('measured statements', 48)
  declare statements: number

  @flags.string({ description: 'statement period start', default: '2026-07-01' })
  declare from: string

  @flags.string({ description: 'statement period end', default: '2026-11-30' })
  declare to: string

  protected async measure(log: BenchLog) {
    const { runStatementBench } = await import('../../../../bench/statement_bench.js')
    return runStatementBench({
      pool: this.pool,
      statements: this.statements,
      warmup: Math.max(4, this.pool * 2),
      from: this.from,
      to: this.to,
      log,
    })
  }
}
