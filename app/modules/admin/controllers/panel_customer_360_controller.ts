import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { ApiError, Forbidden, NotFound } from '#kernel/errors'
import { toPlainDate } from '#kernel/company'
import { localeOf } from '#kernel/i18n'
import { Customer } from '#modules/customers/public'
import { mayActOnCustomer } from '#modules/customers/public'
import { hasPermission, type Permission } from '#modules/identity/public'
import { panelCaller } from '#modules/admin/controllers/panel_caller'
import { activeUser } from '#modules/admin/panel/panel_user'
import { customer360Labels } from '#modules/admin/services/customer_360_labels'
import { Customer360Data } from '#modules/admin/services/customer_360_data'
import { customer360QueryValidator } from '#modules/admin/validators/customer_360_validators'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import { parsePeriod } from '#modules/reports/public'
import { renderReportPdf, statementFileName } from '#modules/reports/public'
import { StatementBuilder } from '#modules/reports/public'
import { RendererUnavailable } from '#reports/renderer_errors'

/**
 * Customer 360 (客户全景) for the panel page (its session): the page's data and "statement PDF
 * now". Reads only; the page's actions post to the panel's own receipt/application/refund forms,
 * which run the API's services and approval gate.
 */
export default class PanelCustomer360Controller {
  /** GET /admin/customers/:id/360 */
  async show(ctx: HttpContext) {
    const { customer, locale, user } = await this.customerFor(ctx, 'ledger.read')
    const query = await customer360QueryValidator.validate(ctx.request.qs())
    const data = await new Customer360Data().build(
      customer,
      {
        currency: query.currency,
        from: query.from ? toPlainDate(query.from) : undefined,
        to: query.to ? toPlainDate(query.to) : undefined,
        kind: query.kind,
        page: query.page ?? 1,
        perPage: query.perPage ?? 20,
      },
      locale
    )
    const may = (permission: Permission) => hasPermission(user.role, permission)
    const can = {
      receipt: may('receipts.post'),
      application: may('applications.post'),
      refund: may('refunds.post'),
      statement: may('reports.read'),
    }
    return { ...data, can, locale, labels: customer360Labels(locale) }
  }

  /** GET /admin/customers/:id/statement.pdf?from&to: the statement for a period, now. */
  async statementPdf(ctx: HttpContext) {
    const { customer, locale } = await this.customerFor(ctx, 'reports.read')
    const qs = ctx.request.qs()
    const period = parsePeriod(qs.from, qs.to)
    const statements = await app.container.make(StatementBuilder)
    const vm = await statements.build(customer.id, period, locale)
    const pdf = await renderReportPdf(vm).catch((error) => {
      if (!(error instanceof RendererUnavailable)) throw error
      throw new ApiError(503, [{ rule: error.code, message: error.message }])
    })
    return sendDownload(ctx, {
      type: FILE_TYPES.pdf,
      name: statementFileName(vm),
      body: pdf,
      inline: true,
    })
  }

  /** The customer of the URL, if this panel user may read it (sales: their own only). */
  private async customerFor(ctx: HttpContext, permission: Permission) {
    const user = await activeUser(await panelCaller(ctx))
    if (!user) throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in first' }])
    const id = Number(ctx.params.id)
    const customer = Number.isSafeInteger(id) ? await Customer.find(id) : null
    if (!customer) throw new NotFound('customer')
    if (!mayActOnCustomer(user, customer, permission)) throw new Forbidden()
    return { customer, user, locale: localeOf(user.locale) }
  }
}
