import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import type { ResourceWithOptions } from 'adminjs'
import { formHandler } from '#modules/admin/panel/form_action'
import { allows, ownCustomersOnly } from '#modules/admin/panel/panel_user'
import { fields } from '#modules/admin/panel/resource_helpers'
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

const moneyArea = panelArea(MENU.money, 'ledger.read')
const ledgerArea = panelArea(MENU.ledger, 'ledger.read')
const periodsArea = panelArea(MENU.ledger, 'periods.read')

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
  return moneyArea.resource(journalSpec(id, kind), {
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
  return ledgerArea.resource(journalSpec('journals'), {
    sort: { sortBy: 'id', direction: 'desc' },
    listProperties: ['journalNo', 'entryDate', 'customerId', 'kind', 'balanceEffect', 'createdAt'],
    showProperties: journalShow,
    filterProperties: journalFilters,
    actions: { reverse: reverseAction, unapply: unapplyAction },
  })
}

function journalLinesResource(): ResourceWithOptions {
  return ledgerArea.resource(
    {
      table: 'journal_lines',
      big: true,
      scope: ownCustomersOnly('journal_lines.customer_id'),
      columns: journalLineColumns,
    },
    {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields('journalId lineNo accountCode customerId debit credit entryDate'),
      filterProperties: ['journalId', 'accountCode', 'customerId'],
    }
  )
}

function balancesResource(): ResourceWithOptions {
  return ledgerArea.resource(
    {
      table: 'customer_balances',
      idSql: "customer_balances.customer_id || ':' || customer_balances.currency",
      scope: ownCustomersOnly('customer_balances.customer_id'),
      columns: balanceColumns,
    },
    {
      sort: { sortBy: 'balance', direction: 'desc' },
      listProperties: ['customerId', 'currency', 'balance', 'pending', 'available', 'updatedAt'],
      filterProperties: ['customerId', 'currency'],
    }
  )
}

function ratesResource(): ResourceWithOptions {
  return ledgerArea.resource(
    {
      table: 'exchange_rates',
      idSql: "exchange_rates.currency || ':' || to_char(exchange_rates.rate_date, 'YYYY-MM-DD')",
      columns: rateColumns,
    },
    {
      sort: { sortBy: 'rateDate', direction: 'desc' },
      listProperties: ['currency', 'rateDate', 'rate', 'createdBy', 'createdAt'],
      editProperties: ['currency', 'rateDate', 'rate'],
      filterProperties: ['currency', 'rateDate'],
      actions: { new: recordRateAction },
    }
  )
}

function periodsResource(): ResourceWithOptions {
  return periodsArea.resource(
    {
      table: 'accounting_periods',
      idSql: 'accounting_periods.period',
      columns: periodColumns,
    },
    {
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
