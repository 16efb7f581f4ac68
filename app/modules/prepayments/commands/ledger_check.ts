import { AppCommand } from '#kernel/cli_command'

export default class LedgerCheck extends AppCommand {
  static commandName = 'ledger:check'
  static description =
    'Verify that every balance equals the sum of its ledger lines, every journal balances and every document’s open amount matches its applications'

  async run() {
    const { LedgerQueries } = await import('#modules/prepayments/services/ledger_queries')
    const { documentsOutOfLine } = await import('#modules/prepayments/documents/document_check')
    const report = {
      ...(await new LedgerQueries().verifyBalances()),
      documents: await documentsOutOfLine(),
    }
    const problems =
      report.documents.length +
      report.customers.length +
      report.projects.length +
      report.baseResidues.length +
      report.monthlyBalances.length +
      report.unbalancedJournals.length
    if (problems === 0) {
      this.logger.success(
        "ledger consistent: balances equal the sum of their lines; all journals balance; no zero balance holds a base residue; documents' open amounts match their applications; monthly balances equal their lines"
      )
      return
    }
    this.fail(JSON.stringify(report, null, 2))
  }
}
