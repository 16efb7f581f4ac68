import { displayAmount } from '#modules/admin/panel/format'
import { columnsOf } from '#modules/admin/panel/columns'
import { ownCustomersOnly } from '#modules/admin/panel/panel_user'
import { amountColumn, searchColumn } from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec, TableSpec } from '#modules/admin/panel/sql_resource'
import { company } from '#kernel/company'
import { CHANNELS, DOCUMENT_TYPES, JOURNAL_KINDS } from '#modules/prepayments/public'
import { CURRENCY_CODES } from '#kernel/money/currencies'

// Labels of kind, channel, documentType and status: VALUE_LABELS in panel/resource_helpers.ts.
const journal = columnsOf('journals')

const journalColumns: ColumnSpec[] = [
  journal.id(),
  journal.field('journalNo', { filter: 'exact', isTitle: true }),
  journal.choice('kind', JOURNAL_KINDS),
  journal.date('entryDate', true),
  journal.ref('customerId', 'customers', { filter: 'exact', required: true }),
  journal.ref('projectId', 'projects', { filter: 'exact' }),
  journal.choice('currency', CURRENCY_CODES, undefined, { required: true }),
  // The signed effect on the balance, read from journals.amount.
  amountColumn('balanceEffect', journal.sql('amount')),
  journal.field('baseAmount', {
    compute: (row) => displayAmount(row.baseAmount, company.baseCurrency),
  }),
  journal.field('exchangeRate'),
  // required on the receipt form (the validator's rule), marked as such
  journal.choice('channel', CHANNELS, undefined, { required: true }),
  journal.field('bankReference', { filter: 'exact' }),
  journal.field('documentType', { availableValues: [...DOCUMENT_TYPES], required: true }),
  journal.field('documentNo', { filter: 'exact', required: true }),
  journal.text('reason'),
  journal.text('memo'),
  journal.ref('reversesJournalId', 'journals'),
  journal.ref('createdBy', 'users'),
  journal.instant('createdAt'),
  // Form-only inputs of the posting actions.
  { name: 'amount', virtual: true, required: true },
  // an application's document record (its kind, number and project come with it)
  { name: 'documentId', virtual: true, reference: 'documents' },
  // issue 17: the list's search box — journal, document, bank reference or the customer's name/code
  searchColumn(`concat_ws(' ', journals.journal_no, journals.document_no, journals.bank_reference,
    (SELECT c.code || ' ' || c.name FROM customers c WHERE c.id = journals.customer_id))`),
]

/** Journals, or the journals of one kind (receipts, refunds…), as the user may see them. */
export const journalSpec = (id: string, kind?: string): TableSpec => ({
  id,
  table: 'journals',
  big: true,
  subset: Boolean(kind),
  columns: journalColumns,
  scope: (query, user) => {
    if (kind) query.where('journals.kind', kind)
    ownCustomersOnly('journals.customer_id')(query, user)
  },
})

const line = columnsOf('journal_lines')

export const journalLineColumns: ColumnSpec[] = [
  line.id(),
  line.ref('journalId', 'journals', { filter: 'exact' }),
  line.number('lineNo'),
  line.field('accountCode', { filter: 'exact' }),
  line.ref('customerId', 'customers', { filter: 'exact' }),
  line.ref('projectId', 'projects'),
  line.field('currency', { availableValues: [...CURRENCY_CODES] }),
  line.amount('debit'),
  line.amount('credit'),
  line.date('entryDate'),
]

const balance = columnsOf('customer_balances')

export const balanceColumns: ColumnSpec[] = [
  balance.ref('customerId', 'customers', { filter: 'exact' }),
  balance.choice('currency', CURRENCY_CODES),
  { ...balance.amount('balance'), sortable: true, filterSql: balance.sql('balance') },
  balance.amount('pending'),
  // available = balance − pending (never the credit-inclusive headroom).
  amountColumn('available', 'customer_balances.balance - customer_balances.pending'),
  balance.instant('updatedAt'),
  searchColumn(`(SELECT c.code || ' ' || c.name FROM customers c
    WHERE c.id = customer_balances.customer_id)`),
]

const rate = columnsOf('exchange_rates')

export const rateColumns: ColumnSpec[] = [
  rate.choice('currency', CURRENCY_CODES, undefined, { required: true }),
  { ...rate.date('rateDate', true), required: true },
  rate.field('rate', { required: true }),
  rate.ref('createdBy', 'users'),
  rate.instant('createdAt'),
]

const period = columnsOf('accounting_periods')

export const periodColumns: ColumnSpec[] = [
  period.field('period', { isTitle: true, sortable: true, required: true }),
  period.choice('status', ['open', 'closed']),
  period.instant('closedAt'),
  period.ref('closedBy', 'users'),
]
