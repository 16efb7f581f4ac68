import { Conflict, InvalidInput, type ApiError } from '#kernel/errors'
import { formatAmount } from '#kernel/money/money'

type Facts = Record<string, string>

/**
 * The document a request names differs from the request on one field (`field` on the wire): the
 * refusal states the document's own value, the fact `fact`, in its message and its details.
 */
function documentMismatch(
  code: string,
  field: string,
  fact: string,
  says: string,
  onTheWire: (value: string) => unknown = (value) => value
) {
  return (facts: Facts) =>
    new InvalidInput(field, code, `document ${facts.documentNo} ${says} ${facts[fact]}`, {
      documentNo: facts.documentNo,
      [fact]: onTheWire(facts[fact]),
    })
}

/**
 * The refusals of database/sql/documents.sql (ledger_refuse, SQLSTATE ALR01), joined to the
 * ledger's refusal table (ledger_refusals.ts). Worded per language in errors.json (errors.rules.*).
 */
export const DOCUMENT_ANSWERS: Record<string, (facts: Facts) => ApiError> = {
  // the open amount is the document's amount less what is applied (database-enforced)
  document_overapplied: (facts) => {
    const openAmount = formatAmount(facts.openAmount, facts.currency)
    return new Conflict(
      'document_overapplied',
      `amount exceeds the open amount of document ${facts.documentNo} (${openAmount} ${facts.currency})`,
      {
        documentNo: facts.documentNo,
        openAmount,
        amount: formatAmount(facts.amount, facts.currency),
        currency: facts.currency,
      },
      'amount'
    )
  },
  document_cancelled: (facts) =>
    new Conflict(
      'document_cancelled',
      `document ${facts.documentNo} is cancelled`,
      { documentNo: facts.documentNo },
      'documentNo'
    ),
  document_kind_mismatch: documentMismatch(
    'document_kind_mismatch',
    'documentType',
    'kind',
    'is a'
  ),
  document_currency_mismatch: documentMismatch(
    'document_currency_mismatch',
    'currency',
    'currency',
    'is in'
  ),
  document_project_mismatch: documentMismatch(
    'document_project_mismatch',
    'projectId',
    'projectId',
    'belongs to project',
    Number
  ),
  unapply_exceeds_applied: (facts) => {
    const applied = formatAmount(facts.applied, facts.currency)
    return new Conflict(
      'unapply_exceeds_applied',
      `amount exceeds what journal ${facts.journalNo} still applies (${applied} ${facts.currency})`,
      { journalNo: facts.journalNo, applied, currency: facts.currency },
      'amount'
    )
  },
  application_partly_unapplied: (facts) =>
    new Conflict(
      'application_partly_unapplied',
      `journal ${facts.journalNo} is partly un-applied; un-apply the rest instead of reversing it`,
      { journalNo: facts.journalNo }
    ),
  unapplication_not_reversible: () =>
    new Conflict(
      'unapplication_not_reversible',
      'an un-application cannot be reversed; apply the amount again instead'
    ),
  not_an_application: () =>
    new Conflict('not_an_application', 'only an application can be un-applied'),
  unapplication_mismatch: () =>
    new Conflict('unapplication_mismatch', 'the un-application does not match its application'),
  unapplication_unlinked: (facts) =>
    new Conflict(
      'unapplication_unlinked',
      `un-application ${facts.journalNo} names no application`
    ),
}
