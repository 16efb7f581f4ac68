import { Conflict, Forbidden, InvalidInput, type ApiError } from '#kernel/errors'
import { formatAmount } from '#kernel/money/money'
import { periodClosed } from '#modules/prepayments/services/period_service'
import type { CustomerGuard } from '#kernel/unit_of_work'

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
 * The API's answer to a refusal raised by ledger_post, ledger_reserve or ledger_rate_for (the rule
 * and its facts as JSON in the detail). Any other error is returned unchanged.
 */
export function ledgerRefusal(error: unknown, context: RefusalContext = {}): unknown {
  const raised = error as { code?: string; detail?: string }
  if (raised?.code !== LEDGER_REFUSAL || !raised.detail) return error
  const facts: Facts = JSON.parse(raised.detail)
  const answer = ANSWERS[facts.rule]
  return answer ? answer(facts, context) : error
}

const ANSWERS: Record<string, (facts: Facts, context: RefusalContext) => ApiError> = {
  customer_missing: (_facts, { guard }) => {
    guard?.check(null)
    return new InvalidInput('customerId', 'exists', 'customerId does not name a customer')
  },
  customer_forbidden: () => new Forbidden(),
  period_closed: (facts, { entryDate }) => periodClosed(entryDate ?? `${facts.period}-01`),
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
      `amount exceeds the confirmed money available (${formatAmount(facts.available, facts.currency)} ${facts.currency}; ${formatAmount(facts.unconfirmed, facts.currency)} awaits 到账确认)`,
      {
        available: formatAmount(facts.available, facts.currency),
        unconfirmed: formatAmount(facts.unconfirmed, facts.currency),
        currency: facts.currency,
        customerId: Number(facts.customerId),
        kind: facts.kind,
      },
      'amount'
    ),
  insufficient_balance: (facts) => {
    const available = formatAmount(facts.available, facts.currency)
    return new Conflict(
      'insufficient_balance',
      `amount exceeds what is available (${available} ${facts.currency})`,
      {
        available,
        currency: facts.currency,
        customerId: Number(facts.customerId),
        kind: facts.kind,
        amount: formatAmount(facts.amount, facts.currency),
      },
      'amount'
    )
  },
}
