import { inject } from '@adonisjs/core'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import type { HttpContext } from '@adonisjs/core/http'
import { InvalidInput } from '#kernel/errors'
import { authorize } from '#modules/identity/public'
import { toPlainDate } from '#kernel/company'
import { ReconciliationService } from '#modules/banking/services/reconciliation_service'
import {
  reconciliationCsv,
  reconciliationXlsx,
} from '#modules/banking/services/reconciliation_file'
import { reconciliationQueryValidator } from '#modules/banking/validators/banking_validators'

/** GET /api/v1/reconciliation?bankAccountId&from&to[&format=json|xlsx|csv] */
@inject()
export default class ReconciliationController {
  constructor(private reconciliation: ReconciliationService) {}

  /** The bearer token's user may read the bank (the panel's controller checks its session user). */
  protected async authorize(ctx: HttpContext): Promise<void> {
    await authorize(ctx, 'bank.read')
  }

  async show(ctx: HttpContext) {
    await this.authorize(ctx)
    const query = await ctx.request.validateUsing(reconciliationQueryValidator, {
      data: ctx.request.qs(),
    })
    const from = toPlainDate(query.from)
    const to = toPlainDate(query.to)
    if (from > to) throw new InvalidInput('to', 'afterOrEqual', 'to must not be before from')
    const report = await this.reconciliation.report(query.bankAccountId, from, to)
    if (!query.format || query.format === 'json') return report
    const name = `reconciliation-${query.bankAccountId}-${from}-${to}.${query.format}`
    if (query.format === 'csv') {
      return sendDownload(ctx, { type: FILE_TYPES.csv, name, body: reconciliationCsv(report) })
    }
    return sendDownload(ctx, {
      type: FILE_TYPES.xlsx,
      name,
      body: await reconciliationXlsx(report),
    })
  }
}
