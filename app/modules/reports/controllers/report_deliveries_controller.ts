import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput, authorizedList, routeId } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { sendDownload } from '#kernel/download'
import { deliveryFile, type DeliveryFileKind } from '#modules/reports/services/delivery_files'
import {
  deliveriesQueryValidator,
  resendValidator,
} from '#modules/reports/validators/report_validators'

/** /api/v1/report-deliveries: list, download the sent PDF (and a statement's lines as XLSX), resend it (audited). */
@inject()
export default class ReportDeliveriesController {
  constructor(private deliveries: DeliveryService) {}

  async index(ctx: HttpContext) {
    return authorizedList(ctx, 'reports.read', deliveriesQueryValidator, (filters) =>
      this.deliveries.list(filters)
    )
  }

  /** GET /api/v1/report-deliveries/:id/pdf: the PDF sent, the very bytes, with their SHA-256 */
  async pdf(ctx: HttpContext) {
    await this.file(ctx, 'pdf')
  }

  /** GET /api/v1/report-deliveries/:id/xlsx: every line of a statement sent with a per-day PDF */
  async xlsx(ctx: HttpContext) {
    await this.file(ctx, 'xlsx')
  }

  private async file(ctx: HttpContext, kind: DeliveryFileKind) {
    await authorize(ctx, 'reports.read')
    const delivery = await this.deliveries.findWithFiles(routeId(ctx))
    return sendDownload(ctx, deliveryFile(delivery, kind))
  }

  async resend(ctx: HttpContext) {
    const { to } = await authorizedInput(ctx, 'reports.manage', resendValidator)
    await respond(ctx, 200, (uow) => this.deliveries.resend(uow, routeId(ctx), to))
  }
}
