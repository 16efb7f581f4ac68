import { AppCommand, countFlag } from '#kernel/cli_command'

/**
 * `npm run bench:bank`: statement lines matched against a million receipts (bench/README.md).
 * Seeds DATABASE_URL with a million receipts, so it refuses a database whose name does not end in
 * `_bench`.
 */
export default class BankBench extends AppCommand {
  static commandName = 'bench:bank'
  static description =
    'Bank matching: --lines statement lines against --receipts receipts (DATABASE_URL …_bench)'

  @countFlag('statement lines', 10_000)
  declare lines: number

  @countFlag('registered receipts to seed', 1_000_000)
  declare receipts: number

  @countFlag('customers to seed', 20_000)
  declare customers: number

  async run() {
    if (!this.onBenchDatabase('it is seeded with a million rows')) return
    const { runBankBench } = await import('../../../../bench/bank_bench.js')
    await this.printLines((log) =>
      runBankBench({ lines: this.lines, receipts: this.receipts, customers: this.customers, log })
    )
  }
}
