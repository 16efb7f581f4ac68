import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of journal_view.ts, ledger_queries.ts, periods and rates (API components). */
const balance = {
  currency: ref('Currency'),
  balance: ref('Amount'),
  pending: ref('Amount'),
  available: ref('Amount'),
}

/**
 * How a line of a list names the journal it comes from (a ledger line, a document's application):
 * the same four fields wherever a journal is pointed at rather than shown.
 */
export const journalReference = {
  journalId: ref('Id'),
  ...props('string', 'journalNo'),
  entryDate: ref('PlainDate'),
  projectId: nullable(ref('Id')),
}

// A period's state; the list adds who closed it and when.
const period = {
  period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
  status: { enum: ['open', 'closed'] },
}

// A journal's double-entry line, in its currency and in the base currency.
const journalLine = {
  ...props('integer', 'lineNo'),
  ...props('string', 'accountCode'),
  debit: ref('Amount'),
  credit: ref('Amount'),
  baseDebit: ref('Amount'),
  baseCredit: ref('Amount'),
}

export const journalSchemas: Record<string, JsonSchema> = {
  Balance: shape(balance),
  Journal: shape({
    id: ref('Id'),
    ...props('string', 'journalNo kind'),
    customerId: ref('Id'),
    projectId: nullable(ref('Id')),
    currency: ref('Currency'),
    amount: ref('Amount'),
    balanceEffect: ref('Amount'),
    exchangeRate: ref('Rate'),
    baseAmount: ref('Amount'),
    entryDate: ref('PlainDate'),
    ...nullableProps('string', 'channel bankReference documentType documentNo reason memo'),
    reversesJournalId: nullable(ref('Id')),
    approvalId: nullable(ref('Id')),
    createdBy: ref('Id'),
    createdAt: ref('Instant'),
    lines: arrayOf(shape(journalLine), { minItems: 2 }),
    balanceAfter: ref('Balance'),
  }),
  CustomerBalances: shape({
    customerId: ref('Id'),
    balances: arrayOf(
      shape({
        ...balance,
        creditLimit: ref('Amount'),
        unconfirmed: ref('Amount'),
        confirmed: ref('Amount'),
      })
    ),
  }),
  Ledger: shape({
    customerId: ref('Id'),
    currency: ref('Currency'),
    from: nullable(ref('PlainDate')),
    to: nullable(ref('PlainDate')),
    openingBalance: ref('Amount'),
    closingBalance: ref('Amount'),
    lines: arrayOf(
      shape({
        ...journalReference,
        ...props('string', 'kind'),
        debit: ref('Amount'),
        credit: ref('Amount'),
        runningBalance: ref('Amount'),
      })
    ),
    // the next page's `cursor` (with `limit`); null on the last page
    nextCursor: nullable({ type: 'string' }),
  }),
  Period: shape(period),
  PeriodList: dataList(
    shape({
      ...period,
      closedAt: nullable(ref('Instant')),
      closedBy: nullable(ref('Id')),
    })
  ),
  ExchangeRate: shape({ currency: ref('Currency'), rateDate: ref('PlainDate'), rate: ref('Rate') }),
  ExchangeRateList: dataList(ref('ExchangeRate')),
}
