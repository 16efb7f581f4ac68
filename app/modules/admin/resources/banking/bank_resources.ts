import db from '@adonisjs/lucid/services/db'
import { localeOf, t } from '#kernel/i18n'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { fields } from '#modules/admin/panel/resource_helpers'
import { bankLineActions } from '#modules/admin/resources/banking/bank_actions'
import {
  accountColumns,
  lineColumns,
  statementColumns,
} from '#modules/admin/resources/banking/bank_columns'
import {
  reconciliationAction,
  uploadStatementAction,
} from '#modules/admin/resources/banking/bank_file_actions'

const area = panelArea(MENU.bank, 'bank.read')

function linesResource() {
  return area.resource(
    { table: 'bank_lines', big: true, columns: lineColumns },
    {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields(
        'id valueDate direction amount counterpartyName memo status bestSuggestion'
      ),
      showProperties: lineColumns.filter((c) => !c.virtual).map((c) => c.name),
      filterProperties: fields(
        'status direction valueDate bankAccountId statementId counterpartyAccount bankReference'
      ),
      actions: bankLineActions,
    }
  )
}

/** Statement files (uploaded from their page) and our accounts (each with its reconciliation). */
const statementsResource = () =>
  area.resource(
    { table: 'bank_statements', columns: statementColumns },
    {
      sort: { sortBy: 'id', direction: 'desc' },
      actions: { uploadStatement: uploadStatementAction },
    }
  )

const accountsResource = () =>
  area.resource(
    { table: 'bank_accounts', columns: accountColumns },
    { actions: { reconciliation: reconciliationAction } }
  )

/** The dashboard card: bank money no receipt accounts for yet (the work queue's size). */
async function openBankLines(user: PanelUser): Promise<DashboardSection[]> {
  if (!can(user, 'bank.read')) return []
  const rows = await db.rawQuery(
    `SELECT currency, count(*) AS n, sum(amount) AS total FROM bank_lines
      WHERE status IN ('unmatched', 'suggested') AND direction = 'credit' GROUP BY currency ORDER BY currency`
  )
  return [
    {
      key: 'openBankLines',
      title: t(localeOf(user.locale), 'dashboard.openBankLines'),
      count: rows.rows.reduce((sum: number, row: any) => sum + Number(row.n), 0),
      items: rows.rows.map((row: any) => ({
        label: row.currency,
        value: `${row.n} · ${row.total}`,
        href: '/admin/resources/bank_lines?filters.status=suggested',
      })),
    },
  ]
}

/** Bank reconciliation (银行对账): the work queue of statement lines, statement files, accounts. */
export const bankPanel: PanelModule = {
  name: 'bank',
  resources: () => [linesResource(), statementsResource(), accountsResource()],
  dashboard: openBankLines,
}
