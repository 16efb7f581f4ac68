import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/** `npm run bench:import`: 10,000 customers and 100,000 receipts imported (bench/import_bench.ts). */
export default class ImportBench extends BenchCommand {
  static commandName = 'import:bench'
  static description =
    'Measure imports: customers and historical receipts from XLSX (dry run + commit)'

  @countFlag('customers to import', 10_000)
  declare customers: number

  @countFlag('receipts to import', 100_000)
  declare receipts: number

  protected async measure(log: BenchLog) {
    const { runImportBench } = await import('../../../../bench/import_bench.js')
    return runImportBench({ customers: this.customers, receipts: this.receipts, log })
  }
}
