import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

export default class LedgerCheck extends AppCommand {
  static commandName = 'ledger:check'
  static description =
    'Verify that every balance equals the sum of its ledger lines, every journal balances and every document’s open amount matches its applications (from the last check that passed; --full: everything)'

  @flags.boolean({ description: 're-check every line, journal, month and document' })
  declare full: boolean

  async run() {
    const { checkLedger, problemCount } = await import('#modules/prepayments/services/ledger_check')
    const started = performance.now()
    const report = await checkLedger({ full: this.full })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const scope =
      report.mode === 'full'
        ? `full: ${report.linesRead} lines`
        : `incremental: ${report.linesRead} lines after line ${report.fromLineId}`
    if (problemCount(report) === 0) {
      this.logger.success(
        `ledger consistent (${scope}, ${seconds} s): balances equal the sum of their lines; all journals balance; no zero balance holds a base residue; documents' open amounts match their applications; monthly balances equal their lines`
      )
      return
    }
    this.fail(JSON.stringify(report, null, 2))
  }
}
