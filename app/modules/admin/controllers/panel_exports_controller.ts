import type { HttpContext } from '@adonisjs/core/http'
import { flat } from 'adminjs'
import { DateTime } from 'luxon'
import { can, panelActor } from '#modules/admin/panel/panel_user'
import { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
import { exportAuditCsv } from '#modules/admin/services/audit_csv_export'
import { company } from '#modules/prepayments/company'

export default class PanelExportsController {
  /** GET /admin/exports/audit_logs.csv?filters.action=…: the auditor's filtered CSV export. */
  async auditLogs(ctx: HttpContext) {
    const user = await requirePanelUser(ctx)
    if (!user) return ctx.response.redirect('/admin/login')
    if (!can(user, 'audit.read')) return ctx.response.forbidden('forbidden')
    const query = flat.unflatten(ctx.request.qs()) as { filters?: Record<string, unknown> }
    const csv = await exportAuditCsv(panelActor(user), user, query.filters ?? {})
    const stamp = DateTime.now().setZone(company.timezone).toFormat('yyyyLLdd-HHmm')
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="audit-log-${stamp}.csv"`)
    return csv
  }
}
