import { columnsOf } from '#modules/admin/panel/columns'
import { displayAmount } from '#modules/admin/panel/format'
import { amountColumn } from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { CURRENCY_CODES } from '#kernel/money/currencies'

/** "380,000.00 CNY · 1,000.00 USD" from the customer's balances (json_agg below). */
function balancesText(rows: Array<{ currency: string; balance: string }> | null) {
  return (rows ?? []).map((b) => displayAmount(b.balance, b.currency)).join(' · ')
}

/** Per currency, as JSON: `figure` of customer_balances b (the balance, or balance − pending). */
const perCurrency = (figure: string) =>
  `(SELECT json_agg(json_build_object('currency', b.currency, 'balance', ${figure})
     ORDER BY b.currency) FROM customer_balances b WHERE b.customer_id = customers.id)`

/** "C001 某某公司": code and name, searched together. */
const codeAndName = (table: string) => ({
  name: 'label',
  sql: `${table}.code || ' ' || ${table}.name`,
  filter: 'ilike' as const,
  isTitle: true,
})

const customer = columnsOf('customers')

export const customerColumns: ColumnSpec[] = [
  customer.id(),
  codeAndName('customers'),
  customer.field('code', { filter: 'ilike', sortable: true, required: true }),
  customer.field('name', { filter: 'ilike', required: true }),
  customer.field('contactEmail'),
  customer.field('defaultCurrency', { availableValues: [...CURRENCY_CODES], required: true }),
  {
    name: 'balances',
    sql: perCurrency('b.balance'),
    compute: (row) => balancesText(row.balances),
  },
  // 可用余额: balance minus what requests awaiting approval hold.
  {
    name: 'available',
    sql: perCurrency('b.balance - b.pending'),
    compute: (row) => balancesText(row.available),
  },
  // issue 17: the balance in the customer's own currency, sortable (sort the list by balance)
  {
    ...amountColumn(
      'ownBalance',
      `coalesce((SELECT b.balance FROM customer_balances b
          WHERE b.customer_id = customers.id AND b.currency = customers.default_currency), 0)`,
      'defaultCurrency'
    ),
    sortable: true,
  },
  customer.amount('creditLimit', 'defaultCurrency'),
  customer.amount('lowBalanceThreshold', 'defaultCurrency'),
  customer.ref('salesOwnerId', 'users', { filter: 'exact' }),
  customer.field('department', { filter: 'ilike' }),
  customer.field('address'),
  customer.field('nameEn'),
  customer.choice('status', ['active', 'inactive']),
  customer.instant('updatedAt'),
]

const project = columnsOf('projects')

export const projectColumns: ColumnSpec[] = [
  project.id(),
  codeAndName('projects'),
  project.ref('customerId', 'customers', { filter: 'exact', required: true }),
  project.field('code', { filter: 'ilike', required: true }),
  project.field('name', { filter: 'ilike', required: true }),
  project.amount('contractAmount'),
  project.field('currency', { availableValues: [...CURRENCY_CODES] }),
  project.choice('status', ['active', 'closed']),
]
