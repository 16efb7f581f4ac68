import { columnsOf } from '#modules/admin/panel/columns'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { valueLabels } from '#modules/admin/panel/value_labels'
import { STATUSES } from '#modules/admin/resources/banking/bank_labels'

/** The best suggestion of a line, in one line of text (customer, reason, confidence). */
const BEST_SUGGESTION = `(SELECT c.code || ' ' || c.name || ' · ' || s.reason || ' ' || s.confidence::text
   FROM bank_match_suggestions s JOIN customers c ON c.id = s.customer_id
  WHERE s.bank_line_id = bank_lines.id ORDER BY s.confidence DESC, s.id LIMIT 1)`

const line = columnsOf('bank_lines')

export const lineColumns: ColumnSpec[] = [
  line.id(),
  line.date('valueDate', true),
  line.field('direction', { filter: 'exact' }),
  line.amount('amount'),
  line.field('currency'),
  line.field('counterpartyName', { isTitle: true }),
  line.field('counterpartyAccount', { filter: 'exact' }),
  line.field('memo'),
  line.field('bankReference', { filter: 'exact' }),
  line.choice('status', STATUSES, valueLabels('bank_line_status')),
  { name: 'bestSuggestion', sql: BEST_SUGGESTION },
  line.field('statusNote'),
  line.ref('bankAccountId', 'bank_accounts', { filter: 'exact' }),
  line.ref('statementId', 'bank_statements', { filter: 'exact' }),
  // Form-only inputs of the line actions.
  { name: 'suggestionId', virtual: true },
  { name: 'customerId', virtual: true },
  { name: 'partsJson', type: 'textarea', virtual: true },
  { name: 'reason', virtual: true },
]

const statement = columnsOf('bank_statements')

export const statementColumns: ColumnSpec[] = [
  statement.id(),
  statement.ref('bankAccountId', 'bank_accounts', { filter: 'exact' }),
  statement.field('fileName', { isTitle: true }),
  statement.field('profile'),
  statement.number('lineCount'),
  statement.number('newLineCount'),
  statement.field('fileSha256'),
  statement.ref('importedBy', 'users'),
]

const account = columnsOf('bank_accounts')

export const accountColumns: ColumnSpec[] = [
  account.id(),
  account.field('name', { isTitle: true }),
  account.field('bankName'),
  account.field('accountNo'),
  account.field('currency'),
  account.field('channel'),
]
