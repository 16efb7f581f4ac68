import db from '@adonisjs/lucid/services/db'
import { reachOwner } from '#modules/customers/public'
import { localeOf, t } from '#kernel/i18n'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import { confirmationKpis } from '#modules/reports/public'

/**
 * 对账确认 on the dashboard: how many of the statements customers were asked about they confirmed,
 * and the disputes finance has not resolved (a sales user: their own customers'). The answers
 * themselves: GET /api/v1/statement-confirmations.
 */
async function statementConfirmations(user: PanelUser): Promise<DashboardSection[]> {
  if (!can(user, 'ledger.read')) return []
  const owner = reachOwner(user) ?? undefined
  const kpis = await confirmationKpis(db.connection(), undefined, owner)
  if (kpis.asked === 0 && kpis.openDisputes === 0) return []
  const locale = localeOf(user.locale)
  const word = (key: string) => t(locale, `dashboard.statementConfirmations.${key}`)
  return [
    {
      key: 'statementConfirmations',
      title: word('title'),
      count: kpis.openDisputes,
      items: [
        {
          label: word('rate'),
          value: `${kpis.rate ?? '—'}% (${kpis.confirmed}/${kpis.asked})`,
        },
        { label: word('openDisputes'), value: String(kpis.openDisputes) },
      ],
    },
  ]
}

export const statementConfirmationPanel: PanelModule = {
  name: 'statement_confirmations',
  resources: () => [],
  dashboard: statementConfirmations,
}
