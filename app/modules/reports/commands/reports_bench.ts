import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace reports:bench`: statement throughput on the demo data (bench/statement_bench.ts). */
export default class ReportsBench extends BaseCommand {
  static commandName = 'reports:bench'
  static description = 'Measure statement PDF throughput on the demo data (warm browser, page pool)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'pages in the pool', default: 2 })
  declare pool: number

  @flags.number({ description: 'measured statements', default: 48 })
  declare statements: number

  @flags.string({ description: 'statement period start', default: '2026-07-01' })
  declare from: string

  @flags.string({ description: 'statement period end', default: '2026-11-30' })
  declare to: string

  async run() {
    const { runStatementBench } = await import('../../../../bench/statement_bench.js')
    try {
      await runStatementBench({
        pool: this.pool,
        statements: this.statements,
        warmup: Math.max(4, this.pool * 2),
        from: this.from,
        to: this.to,
        log: (line) => console.log(line),
      })
    } catch (error) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
      this.exitCode = 1
    }
  }
}
