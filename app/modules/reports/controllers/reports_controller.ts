import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizedCustomer } from '#modules/customers/public'
import { authorize } from '#modules/identity/public'
import {
  BalancesReportBuilder,
  balancesCsv,
  balancesXlsx,
} from '#modules/reports/services/balances_report'
import { parseLocale, parsePeriod } from '#modules/reports/services/report_period'
import { renderReportPdf } from '#modules/reports/services/report_renderer'
import { statementFileName, statementXlsx } from '#modules/reports/services/statement_files'
import { actorFromHttp } from '#kernel/actor'
import { StatementBuilder } from '#modules/reports/services/statement_builder'
import { balancesQueryValidator } from '#modules/reports/validators/report_validators'
import { ApiError } from '#kernel/errors'
import { RendererUnavailable } from '#reports/renderer_errors'

/** Content-Disposition for a (possibly Chinese) file name. */
export function attachment(fileName: string, inline = false) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

@inject()
export default class ReportsController {
  constructor(private statements: StatementBuilder) {}

  /** GET /api/v1/reports/balances?groupBy=customer|project|period|channel|owner&from&to&format=json|csv|xlsx */
  async balances(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const query = await balancesQueryValidator.validate(ctx.request.qs())
    const qs = ctx.request.qs()
    const period = parsePeriod(qs.from, qs.to)
    const report = await new BalancesReportBuilder().build(query.groupBy, period.from, period.to)
    const name = `balances_${report.groupBy}_${report.from}_${report.to}`
    if (query.format === 'csv') {
      ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
      ctx.response.header('Content-Disposition', attachment(`${name}.csv`))
      return ctx.response.send(balancesCsv(report))
    }
    if (query.format === 'xlsx') {
      ctx.response.header(
        'Content-Type',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      )
      ctx.response.header('Content-Disposition', attachment(`${name}.xlsx`))
      return ctx.response.send(await balancesXlsx(report))
    }
    return report
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
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', attachment(statementFileName(vm), true))
    return ctx.response.send(pdf)
  }

  /** GET /api/v1/customers/:id/statement.xlsx?from&to&locale → every line of it as XLSX */
  async statementXlsx(ctx: HttpContext) {
    const vm = await this.statementModel(ctx)
    ctx.response.header(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    ctx.response.header('Content-Disposition', attachment(statementFileName(vm, 'xlsx')))
    return ctx.response.send(await statementXlsx(vm))
  }

  private async statementModel(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'reports.read')
    const qs = ctx.request.qs()
    const period = parsePeriod(qs.from, qs.to)
    return this.statements.build(customer.id, period, parseLocale(qs.locale), actorFromHttp(ctx))
  }
}
