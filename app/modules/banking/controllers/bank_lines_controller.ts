import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#kernel/errors'
import { authorize, authorizedInput } from '#modules/identity/public'
import { toPlainDate } from '#kernel/company'
import { formatAmount } from '#kernel/money/money'
import { BankLineActions } from '#modules/banking/services/bank_line_actions'
import { BankLineQueries } from '#modules/banking/services/bank_line_queries'
import {
  bankLinesQueryValidator,
  confirmLineValidator,
  ignoreLineValidator,
  splitLineValidator,
} from '#modules/banking/validators/banking_validators'
import { respond } from '#kernel/api_command'

/** The work queue (GET /api/v1/bank-lines?status=open) and its one-click actions. */
@inject()
export default class BankLinesController {
  constructor(
    private queries: BankLineQueries,
    private actions: BankLineActions
  ) {}

  async index(ctx: HttpContext) {
    const filters = await authorizedInput(ctx, 'bank.read', bankLinesQueryValidator)
    return this.queries.list({
      ...filters,
      from: filters.from ? toPlainDate(filters.from) : undefined,
      to: filters.to ? toPlainDate(filters.to) : undefined,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'bank.read')
    const line = await this.queries.find(Number(ctx.params.id))
    if (!line) throw new NotFound('bank line')
    return line
  }

  /** POST /bank-lines/:id/confirm {suggestionId} | {customerId, projectId?} | {journalId} */
  async confirm(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'bank.match', confirmLineValidator)
    const lineId = Number(ctx.params.id)
    await respond(ctx, 200, async (uow) => {
      await this.actions.confirm(uow, lineId, {
        ...input,
        entryDate: input.entryDate ? toPlainDate(input.entryDate) : undefined,
      })
      return this.viewIn(uow.trx, lineId)
    })
  }

  async split(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'bank.match', splitLineValidator)
    const lineId = Number(ctx.params.id)
    await respond(ctx, 200, async (uow) => {
      const parts = input.parts.map((part) => ({ ...part, projectId: part.projectId ?? null }))
      await this.actions.split(
        uow,
        lineId,
        parts,
        input.entryDate ? toPlainDate(input.entryDate) : undefined
      )
      return this.viewIn(uow.trx, lineId)
    })
  }

  async ignore(ctx: HttpContext) {
    const { reason } = await authorizedInput(ctx, 'bank.match', ignoreLineValidator)
    await respond(ctx, 200, (uow) => this.actions.ignore(uow, Number(ctx.params.id), reason))
  }

  /** The line as the transaction sees it (the posting is not committed yet). */
  private async viewIn(trx: any, lineId: number) {
    const row = await trx.from('bank_lines').where('id', lineId).first()
    const matches = await trx.from('bank_line_matches').where('bank_line_id', lineId).orderBy('id')
    return {
      id: lineId,
      status: row.status,
      matches: matches.map((m: any) => ({
        journalId: Number(m.journal_id),
        customerId: Number(m.customer_id),
        amount: formatAmount(m.amount, row.currency),
        method: m.method,
      })),
    }
  }
}
