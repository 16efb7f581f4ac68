import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/**
 * `npm run bench:scale` (bench/README.md, "Reads at scale"): builds a company in DATABASE_URL's
 * sibling `<name>_scale` (SCALE=small by default, SCALE=full for issue 20's size), checks the
 * ledger and prints p50/p95/p99 of the reads and of posting on the largest customer.
 */
export default class ScaleBench extends BenchCommand {
  static commandName = 'bench:scale'
  static description =
    'Reads at scale: ledger pages, balances report, panel, posting (SCALE=small|full|<journals>)'
  static options: CommandOptions = { startApp: false }
  static sibling = 'scale'

  @countFlag('timed calls per measurement', 30)
  declare samples: number

  @flags.boolean({ description: 'rebuild the company even when one of this size exists' })
  declare reseed: boolean

  protected async measure(log: BenchLog) {
    const { runScaleBench } = await import('../../../bench/scale_bench.js')
    const { databaseUrl, samples, reseed } = this
    return runScaleBench({ databaseUrl, samples, reseed, log })
  }
}
