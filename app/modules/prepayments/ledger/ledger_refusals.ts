import { Conflict, Forbidden, InvalidInput, type ApiError } from '#kernel/errors'
import { formatAmount } from '#kernel/money/money'
import type { CustomerGuard } from '#kernel/unit_of_work'
import { DOCUMENT_ANSWERS } from '#modules/prepayments/documents/document_refusals'

/** The SQLSTATE of a refusal by the ledger's database functions (ledger_refuse). */
const LEDGER_REFUSAL = 'ALR01'

interface RefusalContext {
  /** the movement's entry date, for the closed-period answer */
  entryDate?: string
  /** the guard the statement checked, which words the answer about the customer */
  guard?: CustomerGuard
}

type Facts = Record<string, string>

/**
 * The refusal table of a posting: every rule a movement can break, with the API's answer. Most are
 * raised by the ledger's SQL (ledger_post, ledger_reserve, ledger_release, ledger_rate_for,
 * ledger_assert_period_open: SQLSTATE ALR01, the rule and its facts as JSON detail); the few the
 * TypeScript checks before calling it (a reversal's original, a date in the future) are answered
 * by the same table through `refuse`.
 */
export function ledgerRefusal(error: unknown, context: RefusalContext = {}): unknown {
  const raised = error as { code?: string; detail?: string }
  if (raised?.code !== LEDGER_REFUSAL || !raised.detail) return error
  const facts: Facts = JSON.parse(raised.detail)
  const answer = ANSWERS[facts.rule]
  return answer ? answer(facts, context) : error
}

/** The answer to a rule checked in TypeScript (see TS_RULES), from the same table. */
export function refuse(rule: TsRule, facts: Facts = {}): ApiError {
  return ANSWERS[rule](facts, {})
}

/** The posting rules the TypeScript checks before the ledger is called. */
type TsRule =
  | 'not_reversible'
  | 'already_reversed'
  | 'reversal_pending'
  | 'entry_date_future'
  | 'document_overapplied'
  | 'unapply_exceeds_applied'
  | 'not_an_application'

/** The refusal for an entry dated in a closed period. */
function periodClosed(period: string, field = 'entryDate'): Conflict {
  return new Conflict(
    'period_closed',
    `accounting period ${period} is closed; date the entry in an open period`,
    { period },
    field
  )
}

const ANSWERS: Record<string, (facts: Facts, context: RefusalContext) => ApiError> = {
  customer_missing: (_facts, { guard }) => {
    guard?.check(null)
    return new InvalidInput('customerId', 'exists', 'customerId does not name a customer')
  },
  customer_forbidden: () => new Forbidden(),
  period_closed: (facts, { entryDate }) => periodClosed(entryDate?.slice(0, 7) ?? facts.period),
  before_books_start: (facts) =>
    new InvalidInput(
      'entryDate',
      'before_books_start',
      `entryDate is before the books start ${facts.booksStart} (company settings)`,
      { booksStart: facts.booksStart }
    ),
  project_not_of_customer: () =>
    new InvalidInput('projectId', 'exists', 'projectId does not name a project of this customer'),
  customer_inactive: () =>
    new Conflict(
      'customer_inactive',
      'the customer is inactive; reactivate it before registering receipts',
      undefined,
      'customerId'
    ),
  duplicate_receipt: (facts) =>
    new Conflict(
      'duplicate_receipt',
      `bank reference ${facts.reference} is already registered on ${facts.journalNo}`,
      { journalNo: facts.journalNo },
      'bankReference'
    ),
  exchange_rate_missing: (facts) =>
    new InvalidInput(
      'currency',
      'exchangeRate',
      `no exchange rate for ${facts.currency} on or before ${facts.date}`
    ),
  // banking_settings.forbid_unconfirmed_use: money awaiting 到账确认 may not be applied or refunded
  unconfirmed_funds: (facts) =>
    new Conflict(
      'unconfirmed_funds',
      `amount exceeds the headroom of confirmed money (${formatAmount(facts.headroom, facts.currency)} ${facts.currency}; ${formatAmount(facts.unconfirmed, facts.currency)} awaits 到账确认)`,
      {
        headroom: formatAmount(facts.headroom, facts.currency),
        unconfirmed: formatAmount(facts.unconfirmed, facts.currency),
        currency: facts.currency,
        customerId: Number(facts.customerId),
        kind: facts.kind,
      },
      'amount'
    ),
  // headroom = available (balance − pending) + the credit limit when the kind may use credit
  insufficient_balance: (facts) => {
    const headroom = formatAmount(facts.headroom, facts.currency)
    return new Conflict(
      'insufficient_balance',
      `amount exceeds the headroom (${headroom} ${facts.currency})`,
      {
        headroom,
        available: formatAmount(facts.available, facts.currency),
        currency: facts.currency,
        customerId: Number(facts.customerId),
        kind: facts.kind,
        amount: formatAmount(facts.amount, facts.currency),
      },
      'amount'
    )
  },
  release_exceeds_pending: (facts) =>
    new Conflict(
      'release_exceeds_pending',
      `cannot release ${facts.amount} ${facts.currency}: more than is pending`
    ),
  kind_unknown: (facts) =>
    new InvalidInput('kind', 'exists', `${facts.kind} is not a movement kind of the ledger`),
  not_reversible: () =>
    new Conflict(
      'not_reversible',
      'a reversal cannot itself be reversed; post a new entry instead'
    ),
  already_reversed: (facts) =>
    new Conflict('already_reversed', `journal ${facts.journalNo} is already reversed`),
  reversal_pending: (facts) =>
    new Conflict(
      'reversal_pending',
      `a reversal of this journal awaits approval (request ${facts.requestId})`
    ),
  entry_date_future: (facts) =>
    new InvalidInput('entryDate', 'notFuture', `entryDate ${facts.date} is in the future`),
  // documents and 反核销 (database/sql/documents.sql)
  ...DOCUMENT_ANSWERS,
}
