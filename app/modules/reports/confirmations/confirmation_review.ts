import db from '@adonisjs/lucid/services/db'
import { Conflict, NotFound } from '#kernel/errors'
import { newestRows } from '#kernel/table_rows'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { AlertWorkflow } from '#modules/alerts/public'
import {
  CONFIRMATION_SELECT,
  confirmationView,
  findConfirmation,
  type ConfirmationRow,
} from './confirmation_store.js'

/**
 * Finance's side of statement confirmation: the list, resolving a dispute with a note (which
 * resolves its alert too), and reopening an answer so the customer may answer again. Each step is
 * audited in its transaction.
 */
export class ConfirmationReview {
  async list(filters: { customerId?: number; status?: string; limit: number }) {
    const rows = await newestRows<ConfirmationRow>(
      CONFIRMATION_SELECT,
      { 'sc.customer_id': filters.customerId, 'sc.status': filters.status },
      'sc.delivery_id',
      filters.limit
    )
    return rows.map(confirmationView)
  }

  async show(deliveryId: number) {
    const row = await findConfirmation(db.connection(), deliveryId)
    if (!row) throw new NotFound('statement confirmation')
    return confirmationView(row)
  }

  async attachment(deliveryId: number) {
    const result = await db.rawQuery(
      `SELECT attachment, attachment_type, attachment_name FROM statement_confirmations
        WHERE delivery_id = ? AND attachment IS NOT NULL`,
      [deliveryId]
    )
    if (!result.rows[0]) throw new NotFound('attachment')
    return result.rows[0] as {
      attachment: Buffer
      attachment_type: string
      attachment_name: string
    }
  }

  /** A dispute settled by finance: note, who, when; its alert is resolved with the same note. */
  async resolve(uow: UnitOfWork, deliveryId: number, note: string) {
    const row = await this.lock(uow, deliveryId)
    if (row.status !== 'disputed' || row.resolved_at !== null)
      throw new Conflict('not_open_dispute', 'only an unresolved dispute can be resolved', {
        status: row.status,
      })
    await uow.trx.rawQuery(
      `UPDATE statement_confirmations SET resolved_at = now(), resolved_by = ?, resolution_note = ?,
              updated_at = now() WHERE delivery_id = ?`,
      [uow.actor.userId, note, deliveryId] as any[]
    )
    if (row.alert_id !== null) {
      const workflow = new AlertWorkflow()
      const alert = await workflow.find(uow.trx, Number(row.alert_id))
      if (alert && alert.status !== 'resolved')
        await workflow.resolve(uow, Number(row.alert_id), note)
    }
    return this.audited(uow, row, 'resolve', note)
  }

  /**
   * An answer taken back (the customer answered by mistake, or a corrected statement is not
   * needed): the statement is open for an answer again. The earlier answer stays in the audit log.
   */
  async reopen(uow: UnitOfWork, deliveryId: number, note: string) {
    const row = await this.lock(uow, deliveryId)
    if (row.status !== 'confirmed' && row.status !== 'disputed')
      throw new Conflict('not_answered', 'only a confirmed or disputed statement can be reopened', {
        status: row.status,
      })
    await uow.trx.rawQuery(
      `UPDATE statement_confirmations
          SET status = CASE WHEN viewed_at IS NULL THEN 'sent' ELSE 'viewed' END,
              answered_at = NULL, answered_ip = NULL, answered_user_agent = NULL,
              reopened_count = reopened_count + 1, reminded_at = NULL, updated_at = now()
        WHERE delivery_id = ?`,
      [deliveryId]
    )
    return this.audited(uow, row, 'reopen', note)
  }

  private async lock(uow: UnitOfWork, deliveryId: number) {
    const row = await findConfirmation(uow.trx, deliveryId, true)
    if (!row) throw new NotFound('statement confirmation')
    return row
  }

  private async audited(uow: UnitOfWork, before: ConfirmationRow, action: string, note: string) {
    const after = (await findConfirmation(uow.trx, before.delivery_id))!
    uow.audit({
      entityType: 'statement_confirmation',
      entityId: before.delivery_id,
      action,
      before: confirmationView(before),
      after: { ...confirmationView(after), note },
    })
    return confirmationView(after)
  }
}
