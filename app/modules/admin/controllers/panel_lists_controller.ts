import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { ApiError, Forbidden, NotFound } from '#kernel/errors'
import { localeOf } from '#kernel/i18n'
import { panelCaller } from '#modules/admin/controllers/panel_caller'
import {
  activeUser,
  panelActor,
  toPanelUser,
  type PanelUser,
} from '#modules/admin/panel/panel_user'
import { listXlsx } from '#modules/admin/services/list_export'
import {
  listQuery,
  listTotals,
  panelList,
  searchProperty,
} from '#modules/admin/services/list_tools'
import { customer360Labels } from '#modules/admin/services/customer_360_labels'
import { SavedFilters } from '#modules/admin/services/saved_filters'
import { savedFilterValidator } from '#modules/admin/validators/list_validators'
import { FILE_TYPES, sendDownload } from '#kernel/download'

/**
 * The tools above every panel list (its session): search property, totals row and saved filters
 * (GET /admin/lists/:resource), Excel export of the filtered list, saving and deleting filters.
 * A user who may not open the list may use none of them (the list action's own rule).
 */
export default class PanelListsController {
  /** GET /admin/lists/:resource?filters.*: what the toolbar shows for this list and filter. */
  async show(ctx: HttpContext) {
    const { user, list } = await this.listFor(ctx)
    const { filter } = listQuery(list, ctx.request.qs())
    return {
      resourceId: ctx.params.resource,
      search: searchProperty(list),
      totals: await listTotals(list, filter, user),
      savedFilters: await new SavedFilters().list(user.id, ctx.params.resource),
      labels: customer360Labels(localeOf(user.locale)).lists,
    }
  }

  /** GET /admin/lists/:resource/export.xlsx?filters.*&sortBy&direction */
  async export(ctx: HttpContext) {
    const { user, list } = await this.listFor(ctx)
    const { filter, sort } = listQuery(list, ctx.request.qs())
    const { bytes, rows } = await listXlsx(list, filter, sort, user, localeOf(user.locale))
    const stamp = DateTime.now().setZone(company.timezone).toFormat('yyyyLLdd-HHmm')
    return sendDownload(ctx, {
      type: FILE_TYPES.xlsx,
      name: `${ctx.params.resource}-${stamp}.xlsx`,
      body: bytes,
      headers: { 'X-Row-Count': String(rows) },
    })
  }

  /** POST /admin/lists/:resource/saved-filters {name, query}: saves (or replaces) a filter. */
  async saveFilter(ctx: HttpContext) {
    const { user } = await this.listFor(ctx)
    const input = await savedFilterValidator.validate(ctx.request.body())
    const actor = { ...panelActor(user, ctx), userId: user.id }
    const saved = await new SavedFilters().save(actor, ctx.params.resource, input.name, input.query)
    return ctx.response.created(saved)
  }

  /** DELETE /admin/saved-filters/:id: one of the caller's own saved filters. */
  async destroyFilter(ctx: HttpContext) {
    const user = await this.user(ctx)
    const actor = { ...panelActor(user, ctx), userId: user.id }
    await new SavedFilters().remove(actor, Number(ctx.params.id))
    return ctx.response.noContent()
  }

  private async user(ctx: HttpContext): Promise<PanelUser> {
    const user = await activeUser(await panelCaller(ctx))
    if (!user) throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in first' }])
    return toPanelUser(user)
  }

  private async listFor(ctx: HttpContext) {
    const user = await this.user(ctx)
    const list = panelList(String(ctx.params.resource))
    if (!list) throw new NotFound('list')
    const listAction = (list.options.actions as any)?.list
    const isAccessible = listAction?.isAccessible
    const allowed =
      typeof isAccessible === 'function'
        ? isAccessible({ currentAdmin: user })
        : isAccessible !== false
    if (!allowed) throw new Forbidden()
    return { user, list }
  }
}
