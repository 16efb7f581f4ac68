import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput, routeId } from '#modules/identity/public'
import { executeCommand } from '#kernel/api_command'
import { sendDownload } from '#kernel/download'
import { ReportExportService } from '#modules/reports/exports/report_export_service'
import { balancesExportValidator } from '#modules/reports/validators/report_validators'

/**
 * Report exports built by the worker: request one (202 queued, or 200 with a finished file of the
 * same report at the same ledger position), poll its progress, download its file.
 */
@inject()
export default class ReportExportsController {
  constructor(private exports: ReportExportService) {}

  /** POST /api/v1/reports/balances/exports {groupBy, from, to, format: csv|xlsx} */
  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'reports.read', balancesExportValidator)
    await executeCommand(ctx, (uow) => this.exports.request(uow, input))
  }

  /** GET /api/v1/report-exports/:id: status, phase, progress (0–100), the file's facts once done */
  async show(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    return this.exports.find(routeId(ctx))
  }

  /** GET /api/v1/report-exports/:id/file: the file (409 until it is done) */
  async file(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    return sendDownload(ctx, await this.exports.download(routeId(ctx)))
  }
}
