import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#kernel/errors'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
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
import { executeCommand } from '#kernel/api_command'

/** The work queue (GET /api/v1/bank-lines?status=open) and its one-click actions. */
@inject()
export default class BankLinesController {
  constructor(
    private queries: BankLineQueries,
    private actions: BankLineActions
  ) {}

  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'bank.read')
    const filters = await ctx.request.validateUsing(bankLinesQueryValidator, {
      data: ctx.request.qs(),
    })
    return this.queries.list({
      ...filters,
      from: filters.from ? toPlainDate(filters.from) : undefined,
      to: filters.to ? toPlainDate(filters.to) : undefined,
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'bank.read')
    const line = await this.queries.find(Number(ctx.params.id))
    if (!line) throw new NotFound('bank line')
    return line
  }

  /** POST /bank-lines/:id/confirm {suggestionId} | {customerId, projectId?} | {journalId} */
  async confirm(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'bank.match')
    const input = await ctx.request.validateUsing(confirmLineValidator)
    const lineId = Number(ctx.params.id)
    await executeCommand(ctx, async (uow) => {
      await this.actions.confirm(uow, lineId, {
        ...input,
        entryDate: input.entryDate ? toPlainDate(input.entryDate) : undefined,
      })
      return { status: 200, body: await this.viewIn(uow.trx, lineId) }
    })
  }

  async split(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'bank.match')
    const input = await ctx.request.validateUsing(splitLineValidator)
    const lineId = Number(ctx.params.id)
    await executeCommand(ctx, async (uow) => {
      const parts = input.parts.map((part) => ({ ...part, projectId: part.projectId ?? null }))
      await this.actions.split(
        uow,
        lineId,
        parts,
        input.entryDate ? toPlainDate(input.entryDate) : undefined
      )
      return { status: 200, body: await this.viewIn(uow.trx, lineId) }
    })
  }

  async ignore(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'bank.match')
    const { reason } = await ctx.request.validateUsing(ignoreLineValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.actions.ignore(uow, Number(ctx.params.id), reason),
    }))
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
