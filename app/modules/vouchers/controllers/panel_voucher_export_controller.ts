import type { HttpContext } from '@adonisjs/core/http'
import { sendDownload } from '#kernel/download'
import { requirePanelUser } from '#modules/admin/public'
import { can, panelActor } from '#modules/admin/public'
import { exportVouchers, voucherDownload } from '#modules/vouchers/services/voucher_export'
import { voucherRequest } from '#modules/vouchers/services/voucher_request'
import { voucherExportValidator } from '#modules/vouchers/validators/voucher_validators'

/** GET /admin/exports/vouchers?…: the panel's 凭证导出, with the panel session (same export as the API). */
export default class PanelVoucherExportController {
  async download(ctx: HttpContext) {
    const user = await requirePanelUser(ctx)
    if (!user) return ctx.response.redirect('/admin/login')
    if (!can(user, 'vouchers.export')) return ctx.response.forbidden('forbidden')
    const input = await voucherExportValidator.validate(ctx.request.qs())
    const file = await exportVouchers(panelActor(user, ctx), voucherRequest(input))
    return sendDownload(ctx, voucherDownload(file))
  }
}
