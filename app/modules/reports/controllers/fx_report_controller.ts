import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#modules/identity/public'
import { FxReportBuilder } from '#modules/reports/services/fx_report'
import { parsePeriod } from '#modules/reports/services/report_period'
import { fxQueryValidator } from '#modules/reports/validators/fx_validators'

export default class FxReportController {
  /** GET /api/v1/reports/fx?from&to&groupBy=period|customer|project|currency: realised 汇兑损益 */
  async show(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const query = await fxQueryValidator.validate(ctx.request.qs())
    const qs = ctx.request.qs()
    const period = parsePeriod(qs.from, qs.to)
    return new FxReportBuilder().build(query.groupBy ?? 'period', period.from, period.to)
  }
}
