import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { StatementViewModel } from '#modules/reports/services/statement_builder'
import { numberOrNull } from '#kernel/row_values'
import { selectRow } from '#kernel/table_rows'

export type ConfirmationStatus = 'sent' | 'viewed' | 'confirmed' | 'disputed' | 'superseded'

/** A statement_confirmations row with what the page and the API show of its delivery. */
export interface ConfirmationRow {
  delivery_id: number
  customer_id: number
  period_from: string
  period_to: string
  status: ConfirmationStatus
  sent_at: Date
  viewed_at: Date | null
  viewed_ip: string | null
  viewed_user_agent: string | null
  answered_at: Date | null
  answered_ip: string | null
  answered_user_agent: string | null
  comment: string | null
  attachment_type: string | null
  attachment_name: string | null
  attachment_sha256: string | null
  alert_id: number | null
  superseded_by: number | null
  resolved_at: Date | null
  resolved_by: number | null
  resolution_note: string | null
  reopened_count: number
  reminded_at: Date | null
  // from the delivery and the customer
  pdf_sha256: string
  file_name: string
  snapshot: any
  locale: 'zh-CN' | 'en' | null
  link_expires_at: Date | null
  recipients: string[]
  customer_code: string
  customer_name: string
}

/** Every column but the attachment's bytes, joined with its delivery and customer. */
export const CONFIRMATION_SELECT = `SELECT sc.delivery_id, sc.customer_id, sc.period_from::text, sc.period_to::text,
       sc.status, sc.sent_at, sc.viewed_at, sc.viewed_ip, sc.viewed_user_agent, sc.answered_at,
       sc.answered_ip, sc.answered_user_agent, sc.comment, sc.attachment_type, sc.attachment_name,
       sc.attachment_sha256, sc.alert_id, sc.superseded_by, sc.resolved_at, sc.resolved_by,
       sc.resolution_note, sc.reopened_count, sc.reminded_at,
       d.pdf_sha256, d.file_name, d.snapshot, d.locale, d.link_expires_at, d.recipients,
       c.code AS customer_code, c.name AS customer_name
  FROM statement_confirmations sc
  JOIN report_deliveries d ON d.id = sc.delivery_id
  JOIN customers c ON c.id = sc.customer_id`

export function findConfirmation(client: QueryClientContract, deliveryId: number, lock = false) {
  const lockOf = lock ? 'sc' : undefined
  return selectRow<ConfirmationRow>(
    client,
    CONFIRMATION_SELECT,
    'sc.delivery_id',
    deliveryId,
    lockOf
  )
}

/** The wire and audit form (no snapshot, no bytes). */
export function confirmationView(row: ConfirmationRow) {
  const at = (value: Date | null) => (value ? new Date(value).toISOString() : null)
  return {
    deliveryId: Number(row.delivery_id),
    customerId: Number(row.customer_id),
    customerCode: row.customer_code,
    customerName: row.customer_name,
    period: { from: row.period_from, to: row.period_to },
    status: row.status,
    sentAt: at(row.sent_at),
    viewedAt: at(row.viewed_at),
    viewedIp: row.viewed_ip,
    viewedUserAgent: row.viewed_user_agent,
    answeredAt: at(row.answered_at),
    answeredIp: row.answered_ip,
    answeredUserAgent: row.answered_user_agent,
    comment: row.comment,
    attachment: row.attachment_sha256
      ? { type: row.attachment_type, name: row.attachment_name, sha256: row.attachment_sha256 }
      : null,
    alertId: numberOrNull(row.alert_id),
    supersededBy: numberOrNull(row.superseded_by),
    resolvedAt: at(row.resolved_at),
    resolvedBy: numberOrNull(row.resolved_by),
    resolutionNote: row.resolution_note,
    reopenedCount: row.reopened_count,
    remindedAt: at(row.reminded_at),
    pdfSha256: row.pdf_sha256,
    linkExpiresAt: at(row.link_expires_at),
  }
}

/**
 * A statement left the company (in the transaction that marks its delivery sent): it now awaits
 * the customer's answer, and an unanswered earlier statement of the same customer and period is
 * superseded by it (its link then shows that a newer statement exists). Both audited.
 */
export async function recordStatementSent(uow: UnitOfWork, deliveryId: number) {
  const inserted = await uow.trx.rawQuery(
    `INSERT INTO statement_confirmations (delivery_id, customer_id, period_from, period_to, sent_at)
     SELECT d.id, d.customer_id, r.period_from, r.period_to, now()
       FROM report_deliveries d JOIN report_runs r ON r.id = d.run_id
      WHERE d.id = ? AND d.customer_id IS NOT NULL
     ON CONFLICT (delivery_id) DO NOTHING
     RETURNING customer_id, period_from::text, period_to::text`,
    [deliveryId]
  )
  const created = inserted.rows[0]
  if (!created) return
  uow.audit({ entityType: 'statement_confirmation', entityId: deliveryId, action: 'await' })
  const superseded = await uow.trx.rawQuery(
    `UPDATE statement_confirmations SET status = 'superseded', superseded_by = :id, updated_at = now()
      WHERE customer_id = :customer AND period_from = :from AND period_to = :to
        AND delivery_id < :id AND status IN ('sent', 'viewed')
      RETURNING delivery_id, status`,
    {
      id: deliveryId,
      customer: created.customer_id,
      from: created.period_from,
      to: created.period_to,
    }
  )
  for (const row of superseded.rows) {
    uow.audit({
      entityType: 'statement_confirmation',
      entityId: row.delivery_id,
      action: 'supersede',
      after: { status: 'superseded', supersededBy: deliveryId },
    })
  }
}

/** What the confirmation page shows of a statement: its figures as sent (no chart). */
export function statementSnapshot(vm: StatementViewModel) {
  return {
    company: { name: vm.company.name, timezone: vm.company.timezone },
    statementNo: vm.statementNo,
    customer: { code: vm.customer.code, name: vm.customer.name },
    period: vm.period,
    generatedOn: vm.generatedOn,
    ledgerPosition: vm.ledgerPosition,
    sections: vm.sections.map(
      ({ chart: _chart, projectSubtotals: _subtotals, ...section }) => section
    ),
  }
}
