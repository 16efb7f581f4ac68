import { toPlainDate } from '#kernel/company'
import { Money, formatAmount } from '#kernel/money/money'
import { numberOrNull } from '#kernel/row_values'

/** A row of the documents table as node-postgres reads it (numerics as strings). */
export interface DocumentRow {
  id: number | string
  customer_id: number | string
  project_id: number | string | null
  kind: string
  number: string
  currency: string
  amount: string
  open_amount: string
  document_date: Date | string
  due_date: Date | string | null
  memo: string | null
  status: 'open' | 'cancelled'
  cancel_reason: string | null
  created_by: number | string
  created_at: Date
}

const plain = (value: Date | string) => (typeof value === 'string' ? value : toPlainDate(value))

/** The wire shape (DocumentSchemas.Document): amounts in the currency's decimals, as strings. */
export function documentView(row: DocumentRow) {
  const open = new Money(row.open_amount)
  const status = row.status === 'cancelled' ? 'cancelled' : open.isZero() ? 'settled' : 'open'
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    projectId: numberOrNull(row.project_id),
    kind: row.kind,
    number: row.number,
    currency: row.currency,
    amount: formatAmount(row.amount, row.currency),
    openAmount: formatAmount(open, row.currency),
    appliedAmount: formatAmount(new Money(row.amount).minus(open), row.currency),
    status,
    documentDate: plain(row.document_date),
    dueDate: row.due_date === null ? null : plain(row.due_date),
    memo: row.memo,
    cancelReason: row.cancel_reason,
    createdBy: Number(row.created_by),
    createdAt: new Date(row.created_at).toISOString(),
  }
}

export type DocumentView = ReturnType<typeof documentView>
