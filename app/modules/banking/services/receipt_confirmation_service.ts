import { Conflict, Forbidden, NotFound } from '#kernel/errors'
import { actingUser } from '#modules/banking/services/match_writer'
import { formatAmount } from '#kernel/money/money'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * 到账确认 by finance, without a bank line (cash, a cheque, a bank that sends no files): the second
 * person of the two-person check. Never the person who entered the receipt (the table's CHECK says
 * it again). Locks the customer's balance row before the confirmation row, the order the ledger's
 * posting and the bank matcher use.
 */
export class ReceiptConfirmationService {
  async confirm(uow: UnitOfWork, journalId: number) {
    const trx = uow.trx
    const peek = await trx.from('receipt_confirmations').where('journal_id', journalId).first()
    if (!peek) {
      const journal = await trx.from('journals').where('id', journalId).first()
      if (!journal || journal.kind !== 'receipt') throw new NotFound('receipt')
      throw new Conflict(
        'receipt_not_awaiting_confirmation',
        'this receipt was not entered by sales: it needs no 到账确认'
      )
    }
    await trx.rawQuery(
      'SELECT 1 FROM customer_balances WHERE customer_id = ? AND currency = ? FOR UPDATE',
      [peek.customer_id, peek.currency]
    )
    const row = await trx
      .from('receipt_confirmations')
      .where('journal_id', journalId)
      .forUpdate()
      .first()
    if (row.status === 'confirmed')
      throw new Conflict('receipt_confirmed', 'this receipt is already confirmed')
    if (row.status === 'reversed')
      throw new Conflict('already_reversed', 'this receipt is reversed')
    const userId = actingUser(uow)
    if (Number(row.entered_by) === userId) {
      throw new Forbidden(
        '到账确认 is a two-person check: the person who entered a receipt may not confirm it'
      )
    }
    await trx.rawQuery(
      `UPDATE receipt_confirmations SET status = 'confirmed', method = 'finance', confirmed_by = ?,
              confirmed_at = now() WHERE journal_id = ?`,
      [userId, journalId]
    )
    await trx.rawQuery(
      'UPDATE customer_balances SET unconfirmed = unconfirmed - ?, updated_at = now() WHERE customer_id = ? AND currency = ?',
      [row.amount, row.customer_id, row.currency]
    )
    const view = {
      journalId,
      customerId: Number(row.customer_id),
      currency: row.currency,
      amount: formatAmount(row.amount, row.currency),
      status: 'confirmed',
      method: 'finance',
      enteredBy: Number(row.entered_by),
      confirmedBy: userId,
    }
    uow.audit({
      entityType: 'receipt_confirmation',
      entityId: journalId,
      action: 'confirm',
      before: { status: row.status },
      after: view,
    })
    return view
  }
}
