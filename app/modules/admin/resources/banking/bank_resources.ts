import type { ResourceWithOptions } from 'adminjs'
import db from '@adonisjs/lucid/services/db'
import { localeOf, t } from '#kernel/i18n'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import { tableResource, fields } from '#modules/admin/panel/resource_helpers'
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

const nav = { name: 'bank', icon: 'DollarSign' }

function linesResource(): ResourceWithOptions {
  return tableResource(
    { id: 'bank_lines', table: 'bank_lines', big: true, columns: lineColumns },
    'bank.read',
    {
      navigation: nav,
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

function statementsResource(): ResourceWithOptions {
  return tableResource(
    { id: 'bank_statements', table: 'bank_statements', columns: statementColumns },
    'bank.read',
    {
      navigation: nav,
      sort: { sortBy: 'id', direction: 'desc' },
      actions: { uploadStatement: uploadStatementAction },
    }
  )
}

function accountsResource(): ResourceWithOptions {
  return tableResource(
    { id: 'bank_accounts', table: 'bank_accounts', columns: accountColumns },
    'bank.read',
    {
      navigation: nav,
      actions: { reconciliation: reconciliationAction },
    }
  )
}

function bankResources(): ResourceWithOptions[] {
  return [linesResource(), statementsResource(), accountsResource()]
}

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
  resources: bankResources,
  dashboard: openBankLines,
}
