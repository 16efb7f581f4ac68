import db from '@adonisjs/lucid/services/db'
import { reachOwner } from '#modules/customers/reach'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import { confirmationKpis } from '#modules/reports/confirmations/confirmation_kpis'

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
  const en = user.locale === 'en'
  return [
    {
      key: 'statementConfirmations',
      title: en ? 'Statement confirmation' : '对账确认',
      count: kpis.openDisputes,
      items: [
        {
          label: en ? 'Confirmed' : '确认率',
          value: `${kpis.rate ?? '—'}% (${kpis.confirmed}/${kpis.asked})`,
        },
        { label: en ? 'Open disputes' : '未处理异议', value: String(kpis.openDisputes) },
      ],
    },
  ]
}

export const statementConfirmationPanel: PanelModule = {
  name: 'statement_confirmations',
  resources: () => [],
  dashboard: statementConfirmations,
}
