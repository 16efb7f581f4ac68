import type { HttpContext } from '@adonisjs/core/http'
import { sendDownload } from '#kernel/download'
import db from '@adonisjs/lucid/services/db'
import { authorize, authorizedInput } from '#modules/identity/public'
import { actorFromHttp } from '#kernel/actor'
import { respond } from '#kernel/api_command'
import { listMappings, setMapping } from '#modules/vouchers/services/account_map_service'
import { exportVouchers, voucherDownload } from '#modules/vouchers/services/voucher_export'
import { voucherRequest } from '#modules/vouchers/services/voucher_request'
import {
  mappingValidator,
  voucherExportValidator,
} from '#modules/vouchers/validators/voucher_validators'

/** 凭证导出 and the account mapping (科目对照) it reads. */
export default class VouchersController {
  /** GET /exports/vouchers?period|from&to&format&layout&mode&voucherWord: the file itself. */
  async export(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'vouchers.export', voucherExportValidator)
    const file = await exportVouchers(actorFromHttp(ctx), voucherRequest(input))
    return sendDownload(ctx, voucherDownload(file))
  }

  async mapping(ctx: HttpContext) {
    await authorize(ctx, 'vouchers.export')
    return { data: await listMappings(db.connection()) }
  }

  /** PUT /voucher-account-map/:code {externalCode|null, externalName?, customerAux?, projectAux?} */
  async map(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'voucher_mapping.manage', mappingValidator)
    await respond(ctx, 200, (uow) => setMapping(uow, String(ctx.params.code), input))
  }
}
