import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

/** Renders one customer statement (or, with --exec-pack, the executive pack) to a PDF file. */
export default class ReportsStatement extends AppCommand {
  static commandName = 'reports:statement'
  static description = 'Render a customer statement PDF: --customer CODE --from --to --out file.pdf'

  @flags.string({ description: 'customer code (omit with --exec-pack)' })
  declare customer?: string

  @flags.string({ description: 'first day, YYYY-MM-DD', required: true })
  declare from: string

  @flags.string({ description: 'last day, YYYY-MM-DD', required: true })
  declare to: string

  @flags.string({ description: 'output file', required: true })
  declare out: string

  @flags.string({ description: 'zh-CN or en', default: 'zh-CN' })
  declare locale: string

  @flags.boolean({ description: 'render the executive pack instead of a statement' })
  declare execPack: boolean

  async run() {
    const { writeFile } = await import('node:fs/promises')
    const { parsePeriod, parseLocale } = await import('#modules/reports/services/report_period')
    const { renderReportPdf } = await import('#modules/reports/services/report_renderer')
    const { closeSharedRenderer } = await import('#reports/renderer')
    try {
      const period = parsePeriod(this.from, this.to)
      const locale = parseLocale(this.locale)
      const started = performance.now()
      let vm
      if (this.execPack) {
        const { ExecPackBuilder } = await import('#modules/reports/services/exec_pack_builder')
        vm = await new ExecPackBuilder().build(period, locale)
      } else {
        if (!this.customer) throw new Error('--customer CODE is required')
        const app = this.app
        const { StatementBuilder } = await import('#modules/reports/services/statement_builder')
        const builder = await app.container.make(StatementBuilder)
        const customer = await builder.findCustomerByCode(this.customer)
        vm = await builder.build(customer.id, period, locale)
      }
      const built = performance.now()
      const pdf = await renderReportPdf(vm)
      const printed = performance.now()
      await writeFile(this.out, pdf)
      this.logger.success(
        `${this.out}: ${pdf.length} bytes, ledger position #${vm.ledgerPosition} ` +
          `(built in ${(built - started).toFixed(0)} ms, printed in ${(printed - built).toFixed(0)} ms)`
      )
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error))
    } finally {
      await closeSharedRenderer()
    }
  }
}
