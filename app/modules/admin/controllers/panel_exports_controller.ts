import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { flat } from 'adminjs'
import { DateTime } from 'luxon'
import { can, panelActor, type PanelUser } from '#modules/admin/panel/panel_user'
import { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
import { exportAuditCsv } from '#modules/admin/services/audit_csv_export'
import { company } from '#kernel/company'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import { DeliveryService, ReportExportService, deliveryFile } from '#modules/reports/public'
import type { Permission } from '#modules/identity/public'

/**
 * Who follows one of these download links: the panel user holding `permission`. Otherwise the
 * answer is given here (the login page when signed out, 403 when not allowed) and null returned.
 */
async function downloader(ctx: HttpContext, permission: Permission): Promise<PanelUser | null> {
  const user = await requirePanelUser(ctx)
  if (!user) ctx.response.redirect('/admin/login')
  else if (!can(user, permission)) ctx.response.forbidden('forbidden')
  else return user
  return null
}

/** The report delivery a download link names, for a user who may read reports (null: answered). */
async function deliveryOf(ctx: HttpContext) {
  if (!(await downloader(ctx, 'reports.read'))) return null
  const deliveries = await app.container.make(DeliveryService)
  return deliveries.findWithFiles(Number(ctx.params.id))
}

export default class PanelExportsController {
  /** GET /admin/exports/audit_logs.csv?filters.action=…: the auditor's filtered CSV export. */
  async auditLogs(ctx: HttpContext) {
    const user = await downloader(ctx, 'audit.read')
    if (!user) return
    const query = flat.unflatten(ctx.request.qs()) as { filters?: Record<string, unknown> }
    const csv = await exportAuditCsv(panelActor(user, ctx), user, query.filters ?? {})
    const stamp = DateTime.now().setZone(company.timezone).toFormat('yyyyLLdd-HHmm')
    return sendDownload(ctx, { type: FILE_TYPES.csv, name: `audit-log-${stamp}.csv`, body: csv })
  }

  /** GET /admin/reports/deliveries/:id/pdf: the delivery's stored PDF, the very bytes sent. */
  async deliveryPdf(ctx: HttpContext) {
    const delivery = await deliveryOf(ctx)
    if (delivery) return sendDownload(ctx, { ...deliveryFile(delivery, 'pdf'), inline: true })
  }

  /** GET /admin/reports/deliveries/:id/xlsx: every line of a statement sent as a per-day PDF. */
  async deliveryXlsx(ctx: HttpContext) {
    const delivery = await deliveryOf(ctx)
    if (delivery) return sendDownload(ctx, deliveryFile(delivery, 'xlsx'))
  }

  /** GET /admin/reports/exports/:id/file: a finished balances export (409 before it is done). */
  async reportExport(ctx: HttpContext) {
    if (!(await downloader(ctx, 'reports.read'))) return
    const exports = await app.container.make(ReportExportService)
    return sendDownload(ctx, await exports.download(Number(ctx.params.id)))
  }
}
