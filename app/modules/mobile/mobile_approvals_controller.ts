import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { ApiError } from '#kernel/errors'
import { isWithinReach } from '#modules/customers/public'
import { awaitingDecision } from '#workflows/approval_lists'
import { displayAmount } from '#modules/admin/public'
import { runInTransaction } from '#kernel/unit_of_work'
import { ApprovalService, decisionRefusal } from '#modules/approvals/public'
import { LedgerQueries } from '#modules/prepayments/public'
import { requirePanelUser } from '#modules/admin/public'
import { panelActor, type PanelUser } from '#modules/admin/public'
import { mobileLabels } from '#modules/mobile/mobile_labels'
import { renderPage } from '#reports/pages'

/**
 * /m/approvals/:id — the approval page for a phone (the link in approval emails). The panel's
 * login session; the same ApprovalService as the panel and the API, so maker-checker, levels and
 * the deadline are enforced there, and the decision is audited as the user's.
 */
@inject()
export default class MobileApprovalsController {
  constructor(
    private approvals: ApprovalService,
    private ledger: LedgerQueries
  ) {}

  /** GET /m/approvals — the requests awaiting this user, each a tap away from its page. */
  async index(ctx: HttpContext) {
    const user = await requirePanelUser(ctx)
    if (!user) return ctx.response.redirect('/admin/login')
    const t = mobileLabels(user.locale)
    const awaiting = await awaitingDecision(user)
    const requests = awaiting.map((r) => ({
      ...r,
      shown: r.amount !== null && r.currency ? displayAmount(r.amount, r.currency) : '—',
    }))
    const html = await renderPage('approvals', { t, lang: t.lang, title: t.inbox, requests })
    ctx.response.header('Content-Type', 'text/html; charset=utf-8')
    return ctx.response.send(html)
  }

  async show(ctx: HttpContext) {
    const user = await requirePanelUser(ctx)
    if (!user) return ctx.response.redirect('/admin/login')
    const notice = ctx.request.qs().decided === '1' ? mobileLabels(user.locale).decidedOk : null
    return this.render(ctx, user, 200, { notice })
  }

  async decide(ctx: HttpContext) {
    const user = await requirePanelUser(ctx)
    if (!user) return ctx.response.redirect('/admin/login')
    const id = Number(ctx.params.id)
    const decision = ctx.request.input('decision')
    const comment =
      String(ctx.request.input('comment') ?? '')
        .trim()
        .slice(0, 1000) || null
    if (!(await this.visible(user, id))) return this.notFound(ctx, user)
    try {
      await runInTransaction(panelActor(user, ctx), (uow) =>
        decision === 'approve'
          ? this.approvals.approve(uow, id, comment)
          : decision === 'reject'
            ? this.approvals.reject(uow, id, comment)
            : Promise.reject(
                new ApiError(422, [{ rule: 'decision', message: 'approve or reject' }])
              )
      )
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      const status = Number(error.status) || 409
      return this.render(ctx, user, status, { error: error.details[0]?.message ?? error.message })
    }
    return ctx.response.redirect().status(303).toPath(`/m/approvals/${id}?decided=1`)
  }

  /** Sales see requests of their own customers only (as in the API). */
  private async visible(user: PanelUser, id: number) {
    const row = await db
      .from('approval_requests as r')
      .join('customers as c', 'c.id', 'r.customer_id')
      .where('r.id', id)
      .select('c.sales_owner_id')
      .first()
    return row ? isWithinReach(user, { salesOwnerId: row.sales_owner_id }) : false
  }

  private async notFound(ctx: HttpContext, user: PanelUser) {
    const t = mobileLabels(user.locale)
    ctx.response.status(404).header('Content-Type', 'text/html; charset=utf-8')
    return ctx.response.send(
      await renderPage('not_found_staff', { t, lang: t.lang, title: t.approval })
    )
  }

  private async render(
    ctx: HttpContext,
    user: PanelUser,
    status: number,
    extra: { notice?: string | null; error?: string | null }
  ) {
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id) || !(await this.visible(user, id)))
      return this.notFound(ctx, user)
    const t = mobileLabels(user.locale)
    const a = await this.approvals.show(id)
    const customer = await db.from('customers').where('id', a.customerId).firstOrFail()
    const balances = await this.ledger.balances(customer.id)
    const people = await db
      .from('users')
      .whereIn('id', [a.requestedBy, ...a.decisions.map((d) => d.decidedBy)])
      .select('id', 'full_name')
    const nameOf = (userId: number) =>
      people.find((p) => p.id === userId)?.full_name ?? `#${userId}`
    const decided = await db.from('approval_decisions').where('request_id', id).select('decided_by')
    const refusal = decisionRefusal(
      {
        status: a.status,
        requestedBy: a.requestedBy,
        level: a.levels[a.currentLevel - 1],
        deciders: decided.map((d) => d.decided_by),
      },
      { userId: user.id, role: user.role }
    )
    const html = await renderPage('approval', {
      t,
      lang: t.lang,
      title: `${t.approval} #${a.id}`,
      a,
      customer,
      balances,
      requester: nameOf(a.requestedBy),
      history: a.decisions.map((d) => ({ ...d, name: nameOf(d.decidedBy) })),
      refusal,
      csrf: ctx.request.csrfToken,
      notice: extra.notice ?? null,
      error: extra.error ?? null,
    })
    ctx.response.status(status).header('Content-Type', 'text/html; charset=utf-8')
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.send(html)
  }
}
