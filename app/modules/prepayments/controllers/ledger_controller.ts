import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizedCustomer } from '#modules/customers/public'
import { toPlainDate } from '#kernel/company'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import { ledgerQueryValidator } from '#modules/prepayments/validators/posting_validators'
import { decodeCursor } from '#modules/prepayments/services/ledger_positions'
import { ledgerCsvStream } from '#modules/prepayments/services/ledger_export'
import { InvalidInput } from '#kernel/errors'

/** A page cursor as the API gave it (`nextCursor`), or a 422 on the cursor field. */
function cursorPosition(cursor: string) {
  const position = decodeCursor(cursor)
  if (!position) {
    throw new InvalidInput(
      'cursor',
      'invalid_cursor',
      'the cursor is not valid: pass the nextCursor of the previous page'
    )
  }
  return position
}

@inject()
export default class LedgerController {
  constructor(private queries: LedgerQueries) {}

  /** GET /api/v1/customers/:id/balances → per currency: balance, pending, available, creditLimit */
  async balances(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'ledger.read')
    const balances = await this.queries.balances(customer.id)
    return { customerId: customer.id, balances }
  }

  /** GET /api/v1/customers/:id/ledger?from&to&currency&projectId&limit&cursor&format=json|csv */
  async ledger(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'ledger.read')
    const filters = await ctx.request.validateUsing(ledgerQueryValidator, {
      data: ctx.request.qs(),
    })
    const query = {
      customerId: customer.id,
      currency: filters.currency ?? customer.defaultCurrency,
      from: filters.from ? toPlainDate(filters.from) : undefined,
      to: filters.to ? toPlainDate(filters.to) : undefined,
      projectId: filters.projectId,
      limit: filters.limit,
      after: filters.cursor === undefined ? undefined : cursorPosition(filters.cursor),
    }
    if (filters.format === 'csv') {
      ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
      ctx.response.header(
        'Content-Disposition',
        `attachment; filename="ledger_${String(customer.code).replace(/[^\w-]/g, '_')}_${query.currency}.csv"`
      )
      return ctx.response.stream(ledgerCsvStream({ ...query, limit: undefined }, this.queries))
    }
    return this.queries.ledger(query)
  }
}
