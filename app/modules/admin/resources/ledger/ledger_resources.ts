import type { ResourceWithOptions } from 'adminjs'
import { formHandler } from '#modules/admin/panel/form_action'
import { allows, ownCustomersOnly } from '#modules/admin/panel/panel_user'
import { tableResource, fields } from '#modules/admin/panel/resource_helpers'
import {
  closePeriodAction,
  movementOperations,
  recordRateAction,
  reverseAction,
  unapplyAction,
} from '#modules/admin/resources/ledger/ledger_actions'
import {
  balanceColumns,
  journalLineColumns,
  journalSpec,
  periodColumns,
  rateColumns,
} from '#modules/admin/resources/ledger/ledger_columns'

const nav = { name: 'ledger', icon: 'BookOpen' }
const moneyNav = { name: 'money', icon: 'DollarSign' }

const journalShow = fields(
  'journalNo kind entryDate customerId projectId currency balanceEffect exchangeRate baseAmount channel bankReference documentType documentNo reason memo reversesJournalId createdBy createdAt'
)
const journalFilters = ['journalNo', 'kind', 'entryDate', 'customerId', 'currency', 'channel']
const moneyForm = ['customerId', 'projectId', 'amount', 'currency', 'entryDate']

type MovementKind = 'receipt' | 'application' | 'refund' | 'adjustment'

/**
 * One kind of money movement: its journals, plus a `new` form that posts through PostingService
 * (receipts) or submits through the approval gate (the rest).
 */
function movementResource(
  id: string,
  kind: MovementKind,
  formExtra: string[],
  listExtra: string[]
): ResourceWithOptions {
  const action = movementOperations[kind]
  // Every movement form names its customer in customerId: the panel checks the user's right to it.
  const operation = { customerOf: (input: { customerId: number }) => input.customerId, ...action }
  return tableResource(journalSpec(id, kind), 'ledger.read', {
    navigation: moneyNav,
    sort: { sortBy: 'id', direction: 'desc' },
    listProperties: ['journalNo', 'entryDate', 'customerId', ...listExtra, 'balanceEffect'],
    showProperties: journalShow,
    filterProperties: journalFilters.filter((p) => p !== 'kind'),
    editProperties: [...moneyForm, ...formExtra],
    // the projects of the customer chosen above only
    properties: { projectId: { components: { edit: 'ProjectSelect' } } },
    actions: {
      new: { isAccessible: allows(action.permission), handler: formHandler(operation) },
    },
  })
}

function journalsResource(): ResourceWithOptions {
  return tableResource(journalSpec('journals'), 'ledger.read', {
    navigation: nav,
    sort: { sortBy: 'id', direction: 'desc' },
    listProperties: ['journalNo', 'entryDate', 'customerId', 'kind', 'balanceEffect', 'createdAt'],
    showProperties: journalShow,
    filterProperties: journalFilters,
    actions: { reverse: reverseAction, unapply: unapplyAction },
  })
}

function journalLinesResource(): ResourceWithOptions {
  return tableResource(
    {
      id: 'journal_lines',
      table: 'journal_lines',
      big: true,
      scope: ownCustomersOnly('journal_lines.customer_id'),
      columns: journalLineColumns,
    },
    'ledger.read',
    {
      navigation: nav,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields('journalId lineNo accountCode customerId debit credit entryDate'),
      filterProperties: ['journalId', 'accountCode', 'customerId'],
    }
  )
}

function balancesResource(): ResourceWithOptions {
  return tableResource(
    {
      id: 'customer_balances',
      table: 'customer_balances',
      idSql: "customer_balances.customer_id || ':' || customer_balances.currency",
      scope: ownCustomersOnly('customer_balances.customer_id'),
      columns: balanceColumns,
    },
    'ledger.read',
    {
      navigation: nav,
      sort: { sortBy: 'balance', direction: 'desc' },
      listProperties: ['customerId', 'currency', 'balance', 'pending', 'available', 'updatedAt'],
      filterProperties: ['customerId', 'currency'],
    }
  )
}

function ratesResource(): ResourceWithOptions {
  return tableResource(
    {
      id: 'exchange_rates',
      table: 'exchange_rates',
      idSql: "exchange_rates.currency || ':' || to_char(exchange_rates.rate_date, 'YYYY-MM-DD')",
      columns: rateColumns,
    },
    'ledger.read',
    {
      navigation: nav,
      sort: { sortBy: 'rateDate', direction: 'desc' },
      listProperties: ['currency', 'rateDate', 'rate', 'createdBy', 'createdAt'],
      editProperties: ['currency', 'rateDate', 'rate'],
      filterProperties: ['currency', 'rateDate'],
      actions: { new: recordRateAction },
    }
  )
}

function periodsResource(): ResourceWithOptions {
  return tableResource(
    {
      id: 'accounting_periods',
      table: 'accounting_periods',
      idSql: 'accounting_periods.period',
      columns: periodColumns,
    },
    'periods.read',
    {
      navigation: nav,
      sort: { sortBy: 'period', direction: 'desc' },
      listProperties: ['period', 'status', 'closedAt', 'closedBy'],
      editProperties: ['period'],
      actions: { new: closePeriodAction },
    }
  )
}

export function ledgerResources(): ResourceWithOptions[] {
  return [
    movementResource(
      'receipts',
      'receipt',
      ['channel', 'bankReference', 'memo'],
      ['channel', 'bankReference']
    ),
    movementResource(
      'applications',
      'application',
      ['documentId', 'documentType', 'documentNo', 'memo'],
      ['documentType', 'documentNo']
    ),
    movementResource('refunds', 'refund', ['reason', 'memo'], ['reason']),
    movementResource('adjustments', 'adjustment', ['reason', 'memo'], ['reason']),
    journalsResource(),
    journalLinesResource(),
    balancesResource(),
    ratesResource(),
    periodsResource(),
  ]
}
