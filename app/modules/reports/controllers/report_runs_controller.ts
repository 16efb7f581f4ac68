import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#modules/identity/public'
import { listRunProgress, runProgress } from '#modules/reports/services/run_progress'
import { runsQueryValidator } from '#modules/reports/validators/report_validators'

/** /api/v1/report-runs: runs with their progress (done/total, failed, rate per minute, ETA). */
export default class ReportRunsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const filters = await runsQueryValidator.validate(ctx.request.qs())
    return { data: await listRunProgress({ ...filters, limit: filters.limit ?? 50 }) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    return runProgress(Number(ctx.params.id))
  }
}
