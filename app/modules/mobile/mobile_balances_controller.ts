import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { hasPermission } from '#modules/identity/public'
import { withinReach } from '#modules/customers/public'
import { requirePanelUser } from '#modules/admin/public'
import { LedgerQueries } from '#modules/prepayments/public'
import { mobileLabels } from '#modules/mobile/mobile_labels'
import { renderPage } from '#reports/pages'
import { containsPattern } from '#kernel/sql_text'

/**
 * /m/balances?q= — a customer's balance on the phone (panel session): sales find only their own
 * customers, other roles that may read the ledger find every customer. Up to 20 matches.
 */
export default class MobileBalancesController {
  async index(ctx: HttpContext) {
    const user = await requirePanelUser(ctx)
    if (!user) return ctx.response.redirect('/admin/login')
    const t = mobileLabels(user.locale)
    const q = String(ctx.request.qs().q ?? '')
      .trim()
      .slice(0, 60)
    let customers: any[] = []
    if (q && hasPermission(user.role, 'ledger.read')) {
      const pattern = containsPattern(q)
      const query = db
        .from('customers')
        .where((w) => w.whereILike('name', pattern).orWhereILike('code', pattern))
        .orderBy('code')
        .limit(20)
      withinReach(query, user, 'customers.id')
      const ledger = new LedgerQueries()
      const rows = await query
      customers = await Promise.all(
        rows.map(async (c) => ({
          ...c,
          balances: await ledger.balances(c.id),
        }))
      )
    }
    const html = await renderPage('balances', { t, lang: t.lang, title: t.search, q, customers })
    ctx.response.header('Content-Type', 'text/html; charset=utf-8')
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.send(html)
  }
}
