import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Money, formatAmount } from '#kernel/money/money'
import { balanceView } from '#modules/prepayments/services/journal_view'

export interface LedgerQuery {
  customerId: number
  currency: string
  from?: string
  to?: string
  projectId?: number
}

/**
 * Read side of the ledger. Balances come from the maintained balance rows; a customer's ledger is
 * read from its Customer Advances lines (credit − debit), so the two can be checked against each other.
 */
export class LedgerQueries {
  async balances(customerId: number) {
    // the credit limit per currency as the ledger applies it (ledger_credit_limit)
    const result = await db.rawQuery(
      `SELECT b.currency, b.balance, b.pending, b.unconfirmed,
              ledger_credit_limit(b.customer_id, b.currency) AS credit_limit
         FROM customer_balances b
        WHERE b.customer_id = ? ORDER BY b.currency`,
      [customerId]
    )
    type Row = {
      currency: string
      balance: string
      pending: string
      unconfirmed: string
      credit_limit: string
    }
    return result.rows.map((row: Row) => ({
      ...balanceView({
        currency: row.currency,
        balance: new Money(row.balance),
        pending: new Money(row.pending),
      }),
      creditLimit: formatAmount(row.credit_limit, row.currency),
      // 到账确认: receipts entered by sales still awaiting a bank line or finance, and the rest
      // (negative when unconfirmed money has already been applied)
      unconfirmed: formatAmount(row.unconfirmed, row.currency),
      confirmed: formatAmount(new Money(row.balance).minus(row.unconfirmed), row.currency),
    }))
  }

  /** `client`: a snapshot transaction when the ledger must agree with other reads (statements). */
  async ledger(query: LedgerQuery, client: Pick<QueryClientContract, 'rawQuery'> = db) {
    const { customerId, currency } = query
    const projectFilter = query.projectId ? 'AND l.project_id = :projectId' : ''
    const bindings = {
      customerId,
      currency,
      projectId: query.projectId ?? 0, // bound only with the project filter
      from: query.from ?? '0001-01-01',
      to: query.to ?? '9999-12-31',
    }
    const opening = await client.rawQuery(
      `SELECT coalesce(sum(l.credit - l.debit), 0) AS opening FROM journal_lines l
        WHERE l.customer_id = :customerId AND l.currency = :currency AND l.entry_date < :from ${projectFilter}`,
      bindings
    )
    const lines = await client.rawQuery(
      `SELECT l.id, l.entry_date, l.debit, l.credit, l.project_id, j.id AS journal_id, j.journal_no, j.kind,
              j.channel, j.bank_reference, j.document_type, j.document_no, j.reason, j.memo, j.reverses_journal_id,
              sum(l.credit - l.debit) OVER (ORDER BY l.entry_date, l.id) AS running
         FROM journal_lines l JOIN journals j ON j.id = l.journal_id
        WHERE l.customer_id = :customerId AND l.currency = :currency
          AND l.entry_date BETWEEN :from AND :to ${projectFilter}
          -- a base-only line (期末汇兑重估 and its 红冲) moves nothing in the currency
          AND (l.debit <> 0 OR l.credit <> 0)
        ORDER BY l.entry_date, l.id`,
      bindings
    )
    const openingBalance = new Money(opening.rows[0].opening)
    const fmt = (value: string | Money) => formatAmount(value, currency)
    const rows = lines.rows.map((row: any) => ({
      journalId: row.journal_id,
      journalNo: row.journal_no,
      kind: row.kind,
      entryDate: row.entry_date,
      projectId: row.project_id,
      channel: row.channel,
      bankReference: row.bank_reference,
      documentType: row.document_type,
      documentNo: row.document_no,
      reason: row.reason,
      memo: row.memo,
      reversesJournalId: row.reverses_journal_id,
      debit: fmt(row.debit),
      credit: fmt(row.credit),
      runningBalance: fmt(openingBalance.plus(row.running)),
    }))
    const closing = rows.length ? rows[rows.length - 1].runningBalance : fmt(openingBalance)
    return {
      customerId,
      currency,
      projectId: query.projectId ?? 0, // bound only with the project filter
      from: query.from ?? null,
      to: query.to ?? null,
      openingBalance: fmt(openingBalance),
      lines: rows,
      closingBalance: closing,
    }
  }

  /**
   * Compares every balance row with the sum of its ledger lines. Returns the rows that disagree
   * (an empty list means the books are consistent).
   */
  async verifyBalances() {
    const customers = await db.rawQuery(`
      SELECT coalesce(b.customer_id, s.customer_id) AS customer_id, coalesce(b.currency, s.currency) AS currency,
             coalesce(b.balance, 0) AS recorded, coalesce(s.total, 0) AS computed
        FROM customer_balances b
        FULL JOIN (SELECT customer_id, currency, sum(credit - debit) AS total FROM journal_lines
                    WHERE customer_id IS NOT NULL GROUP BY customer_id, currency) s
          ON s.customer_id = b.customer_id AND s.currency = b.currency
       WHERE coalesce(b.balance, 0) <> coalesce(s.total, 0)`)
    const projects = await db.rawQuery(`
      SELECT coalesce(b.project_id, s.project_id) AS project_id, coalesce(b.currency, s.currency) AS currency,
             coalesce(b.balance, 0) AS recorded, coalesce(s.total, 0) AS computed
        FROM project_balances b
        FULL JOIN (SELECT project_id, currency, sum(credit - debit) AS total FROM journal_lines
                    WHERE project_id IS NOT NULL GROUP BY project_id, currency) s
          ON s.project_id = b.project_id AND s.currency = b.currency
       WHERE coalesce(b.balance, 0) <> coalesce(s.total, 0)`)
    // 汇兑损益: a currency balance of zero holds zero base (the guard refuses new cases at commit;
    // this finds any the data held before it)
    const baseResidues = await db.rawQuery(`
      SELECT b.customer_id, b.currency, sum(l.base_credit - l.base_debit) AS base_residue
        FROM customer_balances b
        JOIN journal_lines l ON l.customer_id = b.customer_id AND l.currency = b.currency
       WHERE b.balance = 0
       GROUP BY b.customer_id, b.currency HAVING sum(l.base_credit - l.base_debit) <> 0`)
    const unbalanced = await db.rawQuery(`
      SELECT journal_id FROM journal_lines GROUP BY journal_id
      HAVING sum(debit) <> sum(credit) OR sum(base_debit) <> sum(base_credit) OR count(*) < 2`)
    return {
      customers: customers.rows,
      projects: projects.rows,
      baseResidues: baseResidues.rows,
      unbalancedJournals: unbalanced.rows,
    }
  }
}
