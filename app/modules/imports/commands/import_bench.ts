import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `npm run bench:import`: 10,000 customers and 100,000 receipts imported (bench/import_bench.ts). */
export default class ImportBench extends BaseCommand {
  static commandName = 'import:bench'
  static description =
    'Measure imports: customers and historical receipts from XLSX (dry run + commit)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'customers to import', default: 10_000 })
  declare customers: number

  @flags.number({ description: 'receipts to import', default: 100_000 })
  declare receipts: number

  async run() {
    const { runImportBench } = await import('../../../../bench/import_bench.js')
    try {
      await runImportBench({
        customers: this.customers,
        receipts: this.receipts,
        log: (line) => console.log(line),
      })
    } catch (error) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
      this.exitCode = 1
    }
  }
}
