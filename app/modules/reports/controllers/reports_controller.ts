import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizedCustomer } from '#modules/customers/public'
import { authorize, authorizedInput } from '#modules/identity/public'
import { BalancesReportBuilder, balancesFile } from '#modules/reports/services/balances_report'
import { parseLocale, parsePeriod } from '#modules/reports/services/report_period'
import { renderReportPdf } from '#modules/reports/services/report_renderer'
import { statementFileName, statementXlsx } from '#modules/reports/services/statement_files'
import { actorFromHttp } from '#kernel/actor'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import { StatementBuilder } from '#modules/reports/services/statement_builder'
import { balancesQueryValidator } from '#modules/reports/validators/report_validators'
import { ApiError } from '#kernel/errors'
import { RendererUnavailable } from '#reports/renderer_errors'

@inject()
export default class ReportsController {
  constructor(private statements: StatementBuilder) {}

  /** GET /api/v1/reports/balances?groupBy=customer|project|period|channel|owner&from&to&format=json|csv|xlsx */
  async balances(ctx: HttpContext) {
    const { groupBy, format } = await authorizedInput(ctx, 'reports.read', balancesQueryValidator)
    const qs = ctx.request.qs()
    const period = parsePeriod(qs.from, qs.to)
    const report = await new BalancesReportBuilder().build(groupBy, period.from, period.to)
    if (!format || format === 'json') return report
    return sendDownload(ctx, await balancesFile(report, format))
  }

  /** GET /api/v1/customers/:id/statement?from&to&locale → the statement's view model (JSON) */
  async statement(ctx: HttpContext) {
    return this.statementModel(ctx)
  }

  /** GET /api/v1/customers/:id/statement.pdf?from&to&locale → the same statement as PDF */
  async statementPdf(ctx: HttpContext) {
    const vm = await this.statementModel(ctx)
    const pdf = await renderReportPdf(vm).catch((error) => {
      // the browser is missing or broken: the operator's to fix, said plainly (never a 500)
      if (!(error instanceof RendererUnavailable)) throw error
      throw new ApiError(503, [
        { rule: error.code, message: error.message, meta: { detail: error.message } },
      ])
    })
    return sendDownload(ctx, {
      type: FILE_TYPES.pdf,
      name: statementFileName(vm),
      body: pdf,
      inline: true,
    })
  }

  /** GET /api/v1/customers/:id/statement.xlsx?from&to&locale → every line of it as XLSX */
  async statementXlsx(ctx: HttpContext) {
    const vm = await this.statementModel(ctx)
    return sendDownload(ctx, {
      type: FILE_TYPES.xlsx,
      name: statementFileName(vm, 'xlsx'),
      body: await statementXlsx(vm),
    })
  }

  private async statementModel(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'reports.read')
    const qs = ctx.request.qs()
    const period = parsePeriod(qs.from, qs.to)
    return this.statements.build(customer.id, period, parseLocale(qs.locale), actorFromHttp(ctx))
  }
}
