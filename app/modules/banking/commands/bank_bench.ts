import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `npm run bench:bank`: statement lines matched against a million receipts (bench/README.md).
 * Seeds DATABASE_URL with a million receipts, so it refuses a database whose name does not end in
 * `_bench`.
 */
export default class BankBench extends BaseCommand {
  static commandName = 'bench:bank'
  static description =
    'Bank matching: --lines statement lines against --receipts receipts (DATABASE_URL …_bench)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'statement lines', default: 10_000 })
  declare lines: number

  @flags.number({ description: 'registered receipts to seed', default: 1_000_000 })
  declare receipts: number

  @flags.number({ description: 'customers to seed', default: 20_000 })
  declare customers: number

  async run() {
    const database = new URL(process.env.DATABASE_URL ?? 'postgres://x/none').pathname.slice(1)
    if (!database.endsWith('_bench')) {
      this.logger.error(
        'set DATABASE_URL to a database whose name ends in _bench (it is seeded with a million rows)'
      )
      this.exitCode = 1
      return
    }
    const { runBankBench } = await import('../../../../bench/bank_bench.js')
    try {
      await runBankBench({
        lines: this.lines,
        receipts: this.receipts,
        customers: this.customers,
        log: (line) => console.log(line),
      })
    } catch (error) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
      this.exitCode = 1
    }
  }
}
