import { LIVE_MATCHED } from '#modules/banking/services/bank_accounts'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** A bank line proven to be (part of) a ledger journal: a receipt for a credit, a refund for a debit. */
export interface Link {
  lineId: number
  journalId: number
  customerId: number
  /** this journal's share of the line, exact decimal text */
  amount: string
  method: 'reference' | 'amount_date' | 'auto_posted' | 'confirmed' | 'split' | 'manual'
  reason: string | null
  confidence: string | null
}

/**
 * Writes links of lines the caller holds locked: the matches (a journal proves one line at most:
 * a journal already linked elsewhere is skipped), the receipts they confirm against the bank
 * (到账确认: unconfirmed → confirmed, customer_balances.unconfirmed lowered under its row lock,
 * taken in key order so two writers never deadlock), and the lines' status once fully matched.
 * Returns the links written.
 */
export async function writeLinks(uow: UnitOfWork, links: Link[]): Promise<Link[]> {
  if (links.length === 0) return []
  const trx = uow.trx
  const inserted = await trx.rawQuery(
    `INSERT INTO bank_line_matches (bank_line_id, journal_id, customer_id, amount, method, reason,
                                    confidence, created_by)
     SELECT x.line_id, x.journal_id, x.customer_id, x.amount, x.method, x.reason, x.confidence, ?
       FROM jsonb_to_recordset(?::jsonb) AS x(line_id bigint, journal_id bigint, customer_id bigint,
            amount numeric, method text, reason text, confidence numeric)
     ORDER BY x.line_id
     ON CONFLICT (journal_id) DO NOTHING
     RETURNING journal_id`,
    [actingUser(uow), JSON.stringify(links.map(toRecord))]
  )
  const written = new Set(
    inserted.rows.map((row: { journal_id: string }) => Number(row.journal_id))
  )
  const done = links.filter((link) => written.has(link.journalId))
  if (done.length === 0) return []
  await confirmAgainstBank(uow, done)
  const lineIds = [...new Set(done.map((link) => link.lineId))]
  await trx.rawQuery(
    `UPDATE bank_lines l SET status = 'matched', status_by = ?, status_at = now()
      WHERE l.id = ANY(?) AND l.amount = ${LIVE_MATCHED}`,
    [actingUser(uow), lineIds]
  )
  await trx.rawQuery('DELETE FROM bank_match_suggestions WHERE bank_line_id = ANY(?)', [lineIds])
  for (const link of done) {
    uow.audit({
      entityType: 'bank_line',
      entityId: link.lineId,
      action: 'match',
      after: {
        journalId: link.journalId,
        customerId: link.customerId,
        amount: link.amount,
        method: link.method,
        reason: link.reason,
        confidence: link.confidence,
      },
    })
    // the sales owner hears of it (到款提醒); webhooks may subscribe too
    uow.publish({
      type: 'bank_line.matched',
      customerId: link.customerId,
      data: {
        lineId: link.lineId,
        journalId: link.journalId,
        customerId: link.customerId,
        amount: link.amount,
        method: link.method,
      },
    })
  }
  return done
}

/** Bank work is always done by a user (the importer, the clerk who confirms). */
export function actingUser(uow: UnitOfWork): number {
  if (uow.actor.userId === null) throw new Error('bank lines are matched on behalf of a user')
  return uow.actor.userId
}

function toRecord(link: Link) {
  return {
    line_id: link.lineId,
    journal_id: link.journalId,
    customer_id: link.customerId,
    amount: link.amount,
    method: link.method,
    reason: link.reason,
    confidence: link.confidence,
  }
}

/**
 * The linked receipts are confirmed by the bank: a receipt waiting for 到账确认 becomes confirmed
 * (and leaves the customer's unconfirmed amount); one entered by finance gets its confirmation row.
 */
async function confirmAgainstBank(uow: UnitOfWork, links: Link[]) {
  const trx = uow.trx
  const pairs = JSON.stringify(
    links.map((link) => ({ journal_id: link.journalId, line_id: link.lineId }))
  )
  // balance rows first, in key order (the ledger's posting locks them first too)
  await trx.rawQuery(
    `SELECT 1 FROM customer_balances b
      WHERE (b.customer_id, b.currency) IN (
              SELECT rc.customer_id, rc.currency FROM receipt_confirmations rc
               WHERE rc.journal_id = ANY(?) AND rc.status = 'unconfirmed')
      ORDER BY b.customer_id, b.currency FOR UPDATE`,
    [links.map((link) => link.journalId)]
  )
  await trx.rawQuery(
    `WITH x AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(journal_id bigint, line_id bigint)),
     confirmed AS (
       UPDATE receipt_confirmations rc
          SET status = 'confirmed', method = 'bank_line', bank_line_id = x.line_id,
              confirmed_by = ?, confirmed_at = now()
         FROM x WHERE rc.journal_id = x.journal_id AND rc.status = 'unconfirmed'
       RETURNING rc.customer_id, rc.currency, rc.amount
     )
     UPDATE customer_balances b SET unconfirmed = b.unconfirmed - s.total, updated_at = now()
       FROM (SELECT customer_id, currency, sum(amount) AS total FROM confirmed GROUP BY 1, 2) s
      WHERE b.customer_id = s.customer_id AND b.currency = s.currency`,
    [pairs, actingUser(uow)]
  )
  await trx.rawQuery(
    `INSERT INTO receipt_confirmations (journal_id, customer_id, currency, amount, status, method,
                                        bank_line_id, entered_by, confirmed_by, confirmed_at)
     SELECT j.id, j.customer_id, j.currency, j.amount, 'confirmed', 'bank_line', x.line_id,
            j.created_by, ?, now()
       FROM jsonb_to_recordset(?::jsonb) AS x(journal_id bigint, line_id bigint)
       JOIN journals j ON j.id = x.journal_id AND j.kind = 'receipt'
     ON CONFLICT (journal_id) DO NOTHING`,
    [actingUser(uow), pairs]
  )
}
