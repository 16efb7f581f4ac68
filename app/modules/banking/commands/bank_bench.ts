import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/**
 * `npm run bench:bank`: statement lines matched against a million receipts (bench/README.md).
 * Seeds DATABASE_URL with a million receipts, so it refuses a database whose name does not end in
 * `_bench`.
 */
export default class BankBench extends BenchCommand {
  static commandName = 'bench:bank'
  static description =
    'Bank matching: --lines statement lines against --receipts receipts (DATABASE_URL …_bench)'
  static seeds = 'it is seeded with a million rows'

  @countFlag('statement lines', 10_000)
  declare lines: number

  @countFlag('registered receipts to seed', 1_000_000)
  declare receipts: number

  @countFlag('customers to seed', 20_000)
  declare customers: number

  protected async measure(log: BenchLog) {
    const { runBankBench } = await import('../../../../bench/bank_bench.js')
    const { lines, receipts, customers } = this
    return runBankBench({ lines, receipts, customers, log })
  }
}
