import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/**
 * `npm run bench:month-end -- --customers N --workers 2` (bench/README.md, "Month-end statement
 * run"): a statement run for N customers in DATABASE_URL's sibling `<name>_monthend`, delivered by
 * worker processes to a local SMTP server; prints time, rate, p50/p95 and exactly-once checks.
 */
export default class MonthEndBench extends BenchCommand {
  static commandName = 'bench:month-end'
  static description =
    'Month-end statement run over worker processes, counted on a local SMTP server'
  static options: CommandOptions = { startApp: false }
  static sibling = 'monthend'

  @countFlag('customers (one statement each)', 300)
  declare customers: number

  @countFlag('worker processes', 2)
  declare workers: number

  @countFlag('pages per worker browser (REPORTS_PAGE_POOL)', 2)
  declare pool: number

  @flags.boolean({ description: "write each worker's CPU profile to tmp/bench-profile/month-end" })
  declare profile: boolean

  protected async measure(log: BenchLog) {
    const { runMonthEndBench } = await import('../../../bench/month_end_bench.js')
    const { databaseUrl, customers, workers, pool } = this
    return runMonthEndBench({
      databaseUrl,
      customers,
      workers,
      pool,
      profileDir: this.profile ? this.app.makePath('tmp/bench-profile/month-end') : undefined,
      log,
    })
  }
}
