import { flags } from '@adonisjs/core/ace'
import { ActingCommand } from '#modules/identity/public'
import type { StatementProfile } from '#modules/banking/parsers/parse_statement'

/**
 * Imports a statement file from the command line, as the API does: stores its new lines, matches
 * them, prints the figures. Acts as --as EMAIL (default: the first finance manager).
 */
export default class BankImport extends ActingCommand {
  static commandName = 'bank:import'
  static description =
    'Import a bank statement: --account ID|ACCOUNT_NO --file F [--profile P] [--as EMAIL]'

  @flags.string({ description: 'bank account id or account number', required: true })
  declare account: string

  @flags.string({ description: 'statement file (CSV, XLSX, camt.053 XML, MT940)', required: true })
  declare file: string

  @flags.string({
    description: 'generic, cn_bank, wechat, alipay, camt053, mt940 (sniffed when absent)',
  })
  declare profile?: string

  async run() {
    const { readFile } = await import('node:fs/promises')
    const { basename } = await import('node:path')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { STATEMENT_PROFILES } = await import('#modules/banking/parsers/parse_statement')
    const { StatementImportService } =
      await import('#modules/banking/services/statement_import_service')
    const { BankMatcher } = await import('#modules/banking/services/bank_matcher')
    const { runInTransaction, reactionsSettled } = await import('#kernel/unit_of_work')
    try {
      if (this.profile && !(STATEMENT_PROFILES as readonly string[]).includes(this.profile)) {
        throw new Error(`--profile must be one of ${STATEMENT_PROFILES.join(', ')}`)
      }
      const account = await db
        .from('bank_accounts')
        .where((q) => {
          q.where('account_no', this.account)
          if (/^\d{1,12}$/.test(this.account)) q.orWhere('id', Number(this.account))
        })
        .first()
      if (!account) throw new Error(`no bank account ${this.account}`)
      const actor = await this.actingActor('bank.import')
      if (!actor) return
      const imported = await runInTransaction(actor, async (uow) =>
        new StatementImportService().import(uow, {
          bankAccountId: Number(account.id),
          file: await readFile(this.file),
          fileName: basename(this.file),
          profile: this.profile as StatementProfile | undefined,
        })
      )
      const matcher = await this.app.container.make(BankMatcher)
      const matching = await matcher.matchLines(actor, imported.newLineIds)
      await reactionsSettled()
      this.logger.success(
        `statement #${imported.statementId} (${imported.profile}): ${imported.lineCount} lines, ` +
          `${imported.newLineIds.length} new${imported.alreadyImported ? ' (file imported before)' : ''}; ` +
          `linked ${matching.linked}, auto-posted ${matching.autoPosted}, suggested ${matching.suggested}, ` +
          `unmatched ${matching.unmatched}`
      )
    } catch (error: any) {
      const problems = error?.details ?? error?.problems
      this.fail(problems ? JSON.stringify(problems) : (error?.message ?? String(error)))
    }
  }
}
