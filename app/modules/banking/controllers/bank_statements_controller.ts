import { readFile } from 'node:fs/promises'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput } from '#modules/identity/public'
import { listBankStatements } from '#modules/banking/services/bank_statement_list'
import { BankMatcher } from '#modules/banking/services/bank_matcher'
import { StatementImportService } from '#modules/banking/services/statement_import_service'
import {
  bankStatementsQueryValidator,
  statementUploadValidator,
} from '#modules/banking/validators/banking_validators'
import type { Permission } from '#modules/identity/public'
import { actorFromHttp, type Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

/**
 * POST /api/v1/bank-statements (multipart: bankAccountId, file, profile?): stores the file's new
 * lines (one transaction), then matches them. The same file again answers 200 with nothing new.
 */
@inject()
export default class BankStatementsController {
  constructor(
    private imports: StatementImportService,
    private matcher: BankMatcher
  ) {}

  /** GET /api/v1/bank-statements?bankAccountId&beforeId&limit: newest first, a page at a time. */
  async index(ctx: HttpContext) {
    const filters = await authorizedInput(ctx, 'bank.read', bankStatementsQueryValidator)
    return listBankStatements(filters)
  }

  /** Who calls, allowed `permission`: the bearer token's user (the panel's controller takes its session user). */
  protected async actor(ctx: HttpContext, permission: Permission): Promise<Actor> {
    await authorize(ctx, permission)
    return actorFromHttp(ctx)
  }

  async store(ctx: HttpContext) {
    const actor = await this.actor(ctx, 'bank.import')
    const input = await ctx.request.validateUsing(statementUploadValidator)
    const imported = await runInTransaction(actor, async (uow) =>
      this.imports.import(uow, {
        bankAccountId: input.bankAccountId,
        file: await readFile(input.file.tmpPath!),
        fileName: input.file.clientName,
        profile: input.profile,
      })
    )
    const matching = await this.matcher.matchLines(actor, imported.newLineIds)
    ctx.response.status(imported.alreadyImported ? 200 : 201).send({
      statementId: imported.statementId,
      alreadyImported: imported.alreadyImported,
      profile: imported.profile,
      lineCount: imported.lineCount,
      newLineCount: imported.newLineIds.length,
      matching,
    })
  }
}
