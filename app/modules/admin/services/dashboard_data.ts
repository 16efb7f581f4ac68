import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { reachOwner, reachSql } from '#modules/customers/public'
import { company } from '#kernel/company'
import { displayAmount } from '#modules/admin/panel/format'
import { formatAmount } from '#kernel/money/money'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import { panelModules } from '#modules/admin/panel/registry'

/** Restricts a query to the customers within the user's reach (column = the row's customer id). */
function ownerClause(user: PanelUser, column: string): [string, unknown[]] {
  return [reachSql(user, column), []]
}

/**
 * Figures of the panel's home page, for what this user may see: totals by currency, receipts vs
 * applications per month (base currency, last 12 months), top customers, and the sections other
 * modules contribute (pending approvals, open alerts…).
 */
export async function dashboardData(user: PanelUser) {
  if (!can(user, 'ledger.read')) return { totals: [], months: [], top: [], sections: [] }
  const figures = await cachedFigures(user)
  const sections = []
  for (const module of panelModules()) {
    if (module.dashboard) sections.push(...(await module.dashboard(user)))
  }
  return { ...figures, sections }
}

/**
 * The ledger figures change with every posting but nobody reads them to the minute: computed at
 * most every FIGURES_TTL_MS per reach (everyone, or one salesperson's customers) and process
 * (issue 20: the home page read 12 months of journals on every visit).
 */
const FIGURES_TTL_MS = 2 * 60 * 1000
const figuresCache = new Map<string, { at: number; figures: Promise<Figures> }>()
type Figures = Awaited<ReturnType<typeof ledgerFigures>>

function cachedFigures(user: PanelUser): Promise<Figures> {
  const key = String(reachOwner(user) ?? 'all')
  const hit = figuresCache.get(key)
  if (hit && Date.now() - hit.at < FIGURES_TTL_MS) return hit.figures
  const figures = ledgerFigures(user)
  figuresCache.set(key, { at: Date.now(), figures })
  figures.catch(() => figuresCache.delete(key))
  return figures
}

/** Forgets the cached figures (tests; a user who must see a change at once). */
export function forgetDashboardFigures() {
  figuresCache.clear()
}

async function ledgerFigures(user: PanelUser) {
  const [balanceOwner, balanceArgs] = ownerClause(user, 'b.customer_id')
  const totals = await db.rawQuery(
    `SELECT b.currency, sum(b.balance) AS balance, count(*) FILTER (WHERE b.balance <> 0) AS customers
       FROM customer_balances b WHERE true ${balanceOwner}
      GROUP BY b.currency ORDER BY b.currency`,
    balanceArgs
  )
  const from = DateTime.now().setZone(company.timezone).startOf('month').minus({ months: 11 })
  // from the monthly balances (base of the advances lines; a reversal nets in its original's month
  // category, so a reversed receipt no longer counts as received)
  const [monthOwner, monthArgs] = ownerClause(user, 'm.customer_id')
  const months = await db.rawQuery(
    `SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(sum(m.received_base), 0) AS receipts,
            coalesce(sum(m.applied_base), 0) AS applications
       FROM ledger_monthly_balances m
      WHERE m.month >= ? ${monthOwner}
      GROUP BY 1 ORDER BY 1`,
    [from.toISODate(), ...monthArgs]
  )
  const byMonth = new Map(months.rows.map((r: any) => [r.month, r]))
  const base = company.baseCurrency
  const series = Array.from({ length: 12 }, (_, i) => {
    const month = from.plus({ months: i }).toFormat('yyyy-LL')
    const row: any = byMonth.get(month)
    return {
      month,
      receipts: formatAmount(row?.receipts ?? '0', base),
      applications: formatAmount(row?.applications ?? '0', base),
    }
  })
  const top = await db.rawQuery(
    `SELECT b.customer_id, c.code, c.name, b.currency, b.balance
       FROM customer_balances b JOIN customers c ON c.id = b.customer_id
      WHERE b.balance > 0 ${balanceOwner}
      ORDER BY b.balance * coalesce((SELECT r.rate FROM exchange_rates r WHERE r.currency = b.currency
                                      ORDER BY r.rate_date DESC LIMIT 1), 1) DESC
      LIMIT 10`,
    balanceArgs
  )
  return {
    baseCurrency: base,
    totals: totals.rows.map((r: any) => ({
      currency: r.currency,
      balance: displayAmount(r.balance, r.currency),
      customers: Number(r.customers),
    })),
    months: series,
    top: top.rows.map((r: any) => ({
      customerId: Number(r.customer_id),
      code: r.code,
      name: r.name,
      balance: displayAmount(r.balance, r.currency),
    })),
  }
}
