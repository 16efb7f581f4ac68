import type { ActionContext, ResourceWithOptions } from 'adminjs'
import app from '@adonisjs/core/services/app'
import { displayAmount } from '#modules/admin/panel/format'
import { formHandler } from '#modules/admin/panel/form_action'
import { allows, ownCustomersOnly } from '#modules/admin/panel/panel_user'
import {
  amountColumn,
  dateColumn,
  instant,
  showUrl,
  tableResource,
} from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec, TableSpec } from '#modules/admin/panel/sql_resource'
import { company, toPlainDate } from '#kernel/company'
import { CHANNELS, DOCUMENT_TYPES, JOURNAL_KINDS } from '#modules/prepayments/ledger/accounts'
import { CURRENCY_CODES } from '#kernel/money/currencies'
import { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
import { PeriodService } from '#modules/prepayments/services/period_service'
import { PostingService } from '#modules/prepayments/services/posting_service'
import { Submissions } from '#workflows/ledger_submissions'
import { afterGate } from '#modules/admin/panel/after_gate'
import {
  adjustmentValidator,
  applicationValidator,
  closePeriodValidator,
  exchangeRateValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'

const nav = { name: 'ledger', icon: 'BookOpen' }
const moneyNav = { name: 'money', icon: 'DollarSign' }

const currencies = [...CURRENCY_CODES]

const journalColumns: ColumnSpec[] = [
  { name: 'id', type: 'number', sortable: true },
  { name: 'journalNo', sql: 'journals.journal_no', filter: 'exact', isTitle: true },
  { name: 'kind', sql: 'journals.kind', availableValues: [...JOURNAL_KINDS], filter: 'exact' },
  dateColumn('entryDate', 'journals.entry_date', true),
  {
    name: 'customerId',
    sql: 'journals.customer_id',
    reference: 'customers',
    filter: 'exact',
    required: true,
  },
  { name: 'projectId', sql: 'journals.project_id', reference: 'projects', filter: 'exact' },
  {
    name: 'currency',
    sql: 'journals.currency',
    availableValues: currencies,
    filter: 'exact',
    required: true,
  },
  amountColumn('balanceEffect', 'journals.amount'),
  {
    name: 'baseAmount',
    sql: 'journals.base_amount',
    compute: (row) => displayAmount(row.baseAmount, company.baseCurrency),
  },
  { name: 'exchangeRate', sql: 'journals.exchange_rate' },
  { name: 'channel', sql: 'journals.channel', availableValues: [...CHANNELS], filter: 'exact' },
  { name: 'bankReference', sql: 'journals.bank_reference', filter: 'exact' },
  { name: 'documentType', sql: 'journals.document_type', availableValues: [...DOCUMENT_TYPES] },
  { name: 'documentNo', sql: 'journals.document_no', filter: 'exact' },
  { name: 'reason', sql: 'journals.reason', type: 'textarea' },
  { name: 'memo', sql: 'journals.memo', type: 'textarea' },
  { name: 'reversesJournalId', sql: 'journals.reverses_journal_id', reference: 'journals' },
  { name: 'createdBy', sql: 'journals.created_by', reference: 'users' },
  instant('createdAt', 'journals.created_at'),
  // Form-only inputs of the posting actions.
  { name: 'amount', virtual: true, required: true },
]

const journalSpec = (id: string, kind?: string): TableSpec => ({
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

const journalList = ['journalNo', 'entryDate', 'customerId', 'kind', 'balanceEffect', 'createdAt']
const journalShow = [
  'journalNo',
  'kind',
  'entryDate',
  'customerId',
  'projectId',
  'currency',
  'balanceEffect',
  'exchangeRate',
  'baseAmount',
  'channel',
  'bankReference',
  'documentType',
  'documentNo',
  'reason',
  'memo',
  'reversesJournalId',
  'createdBy',
  'createdAt',
]
const journalFilters = ['journalNo', 'kind', 'entryDate', 'customerId', 'currency', 'channel']

const postings = () => app.container.make(PostingService)
/** Refunds, applications, adjustments and reversals go through the approval gate, as in the API. */
const submissions = () => app.container.make(Submissions)

const posted =
  (resourceId: string) => (journal: { id: number; journalNo: string }, context: any) => ({
    redirectUrl: showUrl(context, resourceId, journal.id),
    message: `${journal.journalNo} ✓`,
  })

const moneyForm = ['customerId', 'projectId', 'amount', 'currency', 'entryDate']

/**
 * One kind of money movement: its journals, plus a `new` form that posts through PostingService
 * (receipts) or submits through the approval gate (the rest).
 */
function movementResource(
  id: string,
  kind: 'receipt' | 'application' | 'refund' | 'adjustment',
  form: string[],
  listExtra: string[],
  action: Parameters<typeof formHandler<any>>[0]
): ResourceWithOptions {
  // Every movement form names its customer in customerId: the panel checks the user's right to it.
  const operation = { customerOf: (input: { customerId: number }) => input.customerId, ...action }
  return tableResource(journalSpec(id, kind), 'ledger.read', {
    navigation: moneyNav,
    sort: { sortBy: 'id', direction: 'desc' },
    listProperties: ['journalNo', 'entryDate', 'customerId', ...listExtra, 'balanceEffect'],
    showProperties: journalShow,
    filterProperties: journalFilters.filter((p) => p !== 'kind'),
    editProperties: form,
    actions: {
      new: { isAccessible: allows(action.permission), handler: formHandler(operation) },
    },
  })
}

export function ledgerResources(): ResourceWithOptions[] {
  return [
    movementResource(
      'receipts',
      'receipt',
      [...moneyForm, 'channel', 'bankReference', 'memo'],
      ['channel', 'bankReference'],
      {
        permission: 'receipts.post',
        validator: receiptValidator,
        run: async (uow, input) => {
          const service = await postings()
          return service.receipt(uow, input)
        },
        done: posted('receipts'),
      }
    ),
    movementResource(
      'applications',
      'application',
      [...moneyForm, 'documentType', 'documentNo', 'memo'],
      ['documentType', 'documentNo'],
      {
        permission: 'applications.post',
        validator: applicationValidator,
        run: async (uow, input) => {
          const service = await submissions()
          return service.application(uow, input)
        },
        done: afterGate(posted('applications')),
      }
    ),
    movementResource('refunds', 'refund', [...moneyForm, 'reason', 'memo'], ['reason'], {
      permission: 'refunds.post',
      validator: refundValidator,
      // 201 posted at once when no rule applies; otherwise a pending request holding the amount.
      run: async (uow, input) => {
        const service = await submissions()
        return service.refund(uow, input)
      },
      done: afterGate(posted('refunds')),
    }),
    movementResource('adjustments', 'adjustment', [...moneyForm, 'reason', 'memo'], ['reason'], {
      permission: 'adjustments.post',
      validator: adjustmentValidator,
      run: async (uow, input) => {
        const service = await submissions()
        return service.adjustment(uow, input)
      },
      done: afterGate(posted('adjustments')),
    }),
    tableResource(journalSpec('journals'), 'ledger.read', {
      navigation: nav,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: journalList,
      showProperties: journalShow,
      filterProperties: journalFilters,
      actions: {
        reverse: {
          actionType: 'record',
          icon: 'RotateCcw',
          component: 'ActionForm',
          custom: {
            fields: [
              { name: 'reason', type: 'textarea', required: true },
              { name: 'entryDate', type: 'date' },
            ],
          },
          isAccessible: allows('reversals.post'),
          isVisible: ({ currentAdmin, record }: ActionContext) =>
            allows('reversals.post')({ currentAdmin }) && record?.params.kind !== 'reversal',
          handler: formHandler({
            permission: 'reversals.post',
            validator: reversalValidator,
            customerOf: async (_input, uow, context) => {
              const row = await uow.trx
                .from('journals')
                .select('customer_id')
                .where('id', Number(context.record!.id()))
                .first()
              return row ? Number(row.customer_id) : null
            },
            run: async (uow, input, _user, context) => {
              const service = await submissions()
              return service.reversal(uow, Number(context.record!.id()), input)
            },
            done: afterGate(posted('journals')),
          }),
        },
      },
    }),
    tableResource(
      {
        id: 'journal_lines',
        table: 'journal_lines',
        big: true,
        scope: ownCustomersOnly('journal_lines.customer_id'),
        columns: [
          { name: 'id', type: 'number', sortable: true },
          {
            name: 'journalId',
            sql: 'journal_lines.journal_id',
            reference: 'journals',
            filter: 'exact',
          },
          { name: 'lineNo', sql: 'journal_lines.line_no', type: 'number' },
          { name: 'accountCode', sql: 'journal_lines.account_code', filter: 'exact' },
          {
            name: 'customerId',
            sql: 'journal_lines.customer_id',
            reference: 'customers',
            filter: 'exact',
          },
          { name: 'projectId', sql: 'journal_lines.project_id', reference: 'projects' },
          { name: 'currency', sql: 'journal_lines.currency', availableValues: currencies },
          amountColumn('debit', 'journal_lines.debit'),
          amountColumn('credit', 'journal_lines.credit'),
          dateColumn('entryDate', 'journal_lines.entry_date'),
        ],
      },
      'ledger.read',
      {
        navigation: nav,
        sort: { sortBy: 'id', direction: 'desc' },
        listProperties: [
          'journalId',
          'lineNo',
          'accountCode',
          'customerId',
          'debit',
          'credit',
          'entryDate',
        ],
        filterProperties: ['journalId', 'accountCode', 'customerId'],
      }
    ),
    tableResource(
      {
        id: 'customer_balances',
        table: 'customer_balances',
        idSql: "customer_balances.customer_id || ':' || customer_balances.currency",
        scope: ownCustomersOnly('customer_balances.customer_id'),
        columns: [
          {
            name: 'customerId',
            sql: 'customer_balances.customer_id',
            reference: 'customers',
            filter: 'exact',
          },
          {
            name: 'currency',
            sql: 'customer_balances.currency',
            availableValues: currencies,
            filter: 'exact',
          },
          {
            ...amountColumn('balance', 'customer_balances.balance'),
            sortable: true,
            filterSql: 'customer_balances.balance',
          },
          amountColumn('pending', 'customer_balances.pending'),
          amountColumn('available', 'customer_balances.balance - customer_balances.pending'),
          instant('updatedAt', 'customer_balances.updated_at'),
        ],
      },
      'ledger.read',
      {
        navigation: nav,
        sort: { sortBy: 'balance', direction: 'desc' },
        listProperties: ['customerId', 'currency', 'balance', 'pending', 'available', 'updatedAt'],
        filterProperties: ['customerId', 'currency'],
      }
    ),
    tableResource(
      {
        id: 'exchange_rates',
        table: 'exchange_rates',
        idSql: "exchange_rates.currency || ':' || to_char(exchange_rates.rate_date, 'YYYY-MM-DD')",
        columns: [
          {
            name: 'currency',
            sql: 'exchange_rates.currency',
            availableValues: currencies,
            filter: 'exact',
            required: true,
          },
          { ...dateColumn('rateDate', 'exchange_rates.rate_date', true), required: true },
          { name: 'rate', sql: 'exchange_rates.rate', required: true },
          { name: 'createdBy', sql: 'exchange_rates.created_by', reference: 'users' },
          instant('createdAt', 'exchange_rates.created_at'),
        ],
      },
      'ledger.read',
      {
        navigation: nav,
        sort: { sortBy: 'rateDate', direction: 'desc' },
        listProperties: ['currency', 'rateDate', 'rate', 'createdBy', 'createdAt'],
        editProperties: ['currency', 'rateDate', 'rate'],
        filterProperties: ['currency', 'rateDate'],
        actions: {
          new: {
            isAccessible: allows('exchange_rates.write'),
            handler: formHandler({
              permission: 'exchange_rates.write',
              validator: exchangeRateValidator,
              run: async (uow, input) => {
                const service = await app.container.make(ExchangeRateService)
                return service.record(uow, input.currency, toPlainDate(input.rateDate), input.rate)
              },
              done: (_result, context) => ({
                redirectUrl: context.h.resourceUrl({ resourceId: 'exchange_rates' }),
                message: '✓',
              }),
            }),
          },
        },
      }
    ),
    tableResource(
      {
        id: 'accounting_periods',
        table: 'accounting_periods',
        idSql: 'accounting_periods.period',
        columns: [
          {
            name: 'period',
            sql: 'accounting_periods.period',
            isTitle: true,
            sortable: true,
            required: true,
          },
          {
            name: 'status',
            sql: 'accounting_periods.status',
            availableValues: ['open', 'closed'],
            filter: 'exact',
          },
          instant('closedAt', 'accounting_periods.closed_at'),
          { name: 'closedBy', sql: 'accounting_periods.closed_by', reference: 'users' },
        ],
      },
      'periods.read',
      {
        navigation: nav,
        sort: { sortBy: 'period', direction: 'desc' },
        listProperties: ['period', 'status', 'closedAt', 'closedBy'],
        editProperties: ['period'],
        actions: {
          // 结账: the `new` form of this resource closes the month typed in (YYYY-MM).
          new: {
            isAccessible: allows('periods.close'),
            handler: formHandler({
              permission: 'periods.close',
              validator: closePeriodValidator,
              run: async (uow, input) => {
                const service = await app.container.make(PeriodService)
                return service.close(uow, input.period)
              },
              done: (result: { period: string }, context) => ({
                redirectUrl: context.h.resourceUrl({ resourceId: 'accounting_periods' }),
                message: `${result.period} ✓`,
              }),
            }),
          },
        },
      }
    ),
  ]
}
