import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput, authorizedList, routeId } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import { Conflict } from '#kernel/errors'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import {
  deliveriesQueryValidator,
  resendValidator,
} from '#modules/reports/validators/report_validators'

/** /api/v1/report-deliveries: list, download the sent PDF, resend it (audited). */
@inject()
export default class ReportDeliveriesController {
  constructor(private deliveries: DeliveryService) {}

  async index(ctx: HttpContext) {
    return authorizedList(ctx, 'reports.read', deliveriesQueryValidator, (filters) =>
      this.deliveries.list(filters)
    )
  }

  async pdf(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const delivery = await this.deliveries.findWithPdf(routeId(ctx))
    if (!delivery.pdf) throw new Conflict('not_rendered', 'this delivery has no PDF yet')
    return sendDownload(ctx, {
      type: FILE_TYPES.pdf,
      name: delivery.file_name ?? 'report.pdf',
      body: delivery.pdf,
      headers: { 'X-Content-SHA256': delivery.pdf_sha256 ?? '' },
    })
  }

  async resend(ctx: HttpContext) {
    const { to } = await authorizedInput(ctx, 'reports.manage', resendValidator)
    await respond(ctx, 200, (uow) => this.deliveries.resend(uow, routeId(ctx), to))
  }
}
