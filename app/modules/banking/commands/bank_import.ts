import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * Imports a statement file from the command line, as the API does: stores its new lines, matches
 * them, prints the figures. Acts as --user (default: the first active finance user).
 */
export default class BankImport extends AppCommand {
  static commandName = 'bank:import'
  static description =
    'Import a bank statement: --account ID|ACCOUNT_NO --file F [--profile P] [--user EMAIL]'

  @flags.string({ description: 'bank account id or account number', required: true })
  declare account: string

  @flags.string({ description: 'statement file (CSV, XLSX, camt.053 XML, MT940)', required: true })
  declare file: string

  @flags.string({
    description: 'generic, cn_bank, wechat, alipay, camt053, mt940 (sniffed when absent)',
  })
  declare profile?: string

  @flags.string({ description: 'acting user e-mail (finance or finance_manager)' })
  declare user?: string

  async run() {
    const { readFile } = await import('node:fs/promises')
    const { basename } = await import('node:path')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { STATEMENT_PROFILES } = await import('#modules/banking/parsers/parse_statement')
    const { StatementImportService } =
      await import('#modules/banking/services/statement_import_service')
    const { BankMatcher } = await import('#modules/banking/services/bank_matcher')
    const { hasPermission } = await import('#modules/identity/public')
    const { systemActor } = await import('#kernel/actor')
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
      const users = db
        .from('users')
        .where('is_active', true)
        .whereIn('role', ['finance', 'finance_manager'])
      const user = await (this.user ? users.where('email', this.user) : users.orderBy('id')).first()
      if (!user || !hasPermission(user.role, 'bank.import'))
        throw new Error('no active finance user to act as')
      const actor = systemActor('cli:bank:import', { id: Number(user.id), role: user.role })
      const imported = await runInTransaction(actor, async (uow) =>
        new StatementImportService().import(uow, {
          bankAccountId: Number(account.id),
          file: await readFile(this.file),
          fileName: basename(this.file),
          profile: this.profile as any,
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
