import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand, countFlag } from '#kernel/cli_command'

/**
 * `npm run bench:scale` (bench/README.md, "Reads at scale"): builds a company in DATABASE_URL's
 * sibling `<name>_scale` (SCALE=small by default, SCALE=full for issue 20's size), checks the
 * ledger and prints p50/p95/p99 of the reads and of posting on the largest customer.
 */
export default class ScaleBench extends AppCommand {
  static commandName = 'bench:scale'
  static description =
    'Reads at scale: ledger pages, balances report, panel, posting (SCALE=small|full|<journals>)'
  static options: CommandOptions = { startApp: false }

  @countFlag('timed calls per measurement', 30)
  declare samples: number

  @flags.boolean({ description: 'rebuild the company even when one of this size exists' })
  declare reseed: boolean

  async run() {
    const databaseUrl = this.databaseUrlOrFail('the bench uses its sibling database <name>_scale')
    if (!databaseUrl) return
    const { runScaleBench } = await import('../../../bench/scale_bench.js')
    await this.printLines((log) =>
      runScaleBench({
        databaseUrl,
        samples: this.samples,
        reseed: this.reseed,
        log,
      })
    )
  }
}
