import db from '@adonisjs/lucid/services/db'
import {
  balanceBefore,
  encodeCursor,
  endOfDay,
  type LedgerPosition,
  type RawClient,
} from '#modules/prepayments/services/ledger_positions'
import { Money, formatAmount } from '#kernel/money/money'
import { balanceView } from '#modules/prepayments/services/journal_view'
import { monthsRecomputed } from '#modules/prepayments/services/ledger_monthly_check'

export interface LedgerQuery {
  customerId: number
  currency: string
  from?: string
  to?: string
  projectId?: number
  /** page size; without it every line of the period */
  limit?: number
  /** the page starts after this position (a decoded `nextCursor`) */
  after?: LedgerPosition
}

/** A ledger line as the API shows it (amounts formatted; the running balance is added by the caller). */
function ledgerLineView(row: any, fmt: (value: string) => string) {
  return {
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
  }
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

  /**
   * A customer's ledger in one currency (and project): opening at `from`, the lines of [from, to]
   * with their running balance, closing at `to`. With `limit`, one page in (entry_date, id) order
   * after `after` (the previous page's `nextCursor`), its running balance carried from the lines
   * before it. Openings and closings come from the monthly balances (ledger_positions.ts).
   * `client`: a snapshot transaction when the ledger must agree with other reads (statements).
   */
  async ledger(query: LedgerQuery, client: RawClient = db) {
    const { customerId, currency } = query
    const key = { customerId, currency, projectId: query.projectId }
    const from = query.from ?? '0001-01-01'
    const to = query.to ?? '9999-12-31'
    const openingBalance = query.from
      ? await balanceBefore(client, key, { entryDate: from, id: 0 })
      : new Money(0)
    const start = query.after && query.after.entryDate >= from ? query.after : null
    const pageOpening = start
      ? await balanceBefore(client, key, { entryDate: start.entryDate, id: start.id + 1 })
      : openingBalance
    const page = await this.lines(client, query, start ?? { entryDate: from, id: 0 }, to)
    const fmt = (value: string | Money) => formatAmount(value, currency)
    let running = pageOpening
    const rows = page.rows.map((row: any) => {
      running = running.plus(row.credit).minus(row.debit)
      return { ...ledgerLineView(row, fmt), runningBalance: fmt(running) }
    })
    // the last page ends at `to`: its running balance is the closing; otherwise read it
    const closingBalance =
      page.more || (start && start.entryDate > to)
        ? await balanceBefore(client, key, endOfDay(to))
        : running
    const last = page.rows[page.rows.length - 1]
    return {
      customerId,
      currency,
      projectId: query.projectId ?? 0, // bound only with the project filter
      from: query.from ?? null,
      to: query.to ?? null,
      openingBalance: fmt(openingBalance),
      lines: rows,
      closingBalance: fmt(closingBalance),
      nextCursor: page.more ? encodeCursor({ entryDate: last.entry_date, id: last.id }) : null,
    }
  }

  /** The lines after `start` up to `to`; with a limit, one more is read to know if more follow. */
  private async lines(client: RawClient, query: LedgerQuery, start: LedgerPosition, to: string) {
    const projectFilter = query.projectId ? 'AND l.project_id = :projectId' : ''
    const limit = query.limit ? `LIMIT ${Number(query.limit) + 1}` : ''
    const result = await client.rawQuery(
      `SELECT l.id, l.entry_date, l.debit, l.credit, l.project_id, j.id AS journal_id, j.journal_no,
              j.kind, j.channel, j.bank_reference, j.document_type, j.document_no, j.reason, j.memo,
              j.reverses_journal_id
         FROM (SELECT l.id, l.entry_date, l.debit, l.credit, l.project_id, l.journal_id
                 FROM journal_lines l
                WHERE l.customer_id = :customerId AND l.currency = :currency ${projectFilter}
                  AND (l.entry_date, l.id) > (:startDate::date, :startId::bigint)
                  AND l.entry_date <= :to::date
                  -- a base-only line (期末汇兑重估 and its 红冲) moves nothing in the currency
                  AND (l.debit <> 0 OR l.credit <> 0)
                ORDER BY l.entry_date, l.id ${limit}) l
         JOIN journals j ON j.id = l.journal_id
        ORDER BY l.entry_date, l.id`,
      {
        customerId: query.customerId,
        currency: query.currency,
        projectId: query.projectId ?? 0,
        startDate: start.entryDate,
        startId: start.id,
        to,
      }
    )
    const more = Boolean(query.limit && result.rows.length > query.limit)
    return { rows: more ? result.rows.slice(0, query.limit) : result.rows, more }
  }

  /**
   * Compares every balance row with the sum of its ledger lines. Returns the rows that disagree
   * (an empty list means the books are consistent).
   */
  async verifyBalances() {
    const customers = await balancesOutOfLine('customer')
    const projects = await balancesOutOfLine('project')
    // 汇兑损益: a currency balance of zero holds zero base (the guard refuses new cases at commit;
    // this finds any the data held before it)
    const baseResidues = await db.rawQuery(`
      SELECT b.customer_id, b.currency, sum(l.base_credit - l.base_debit) AS base_residue
        FROM customer_balances b
        JOIN journal_lines l ON l.customer_id = b.customer_id AND l.currency = b.currency
       WHERE b.balance = 0
       GROUP BY b.customer_id, b.currency HAVING sum(l.base_credit - l.base_debit) <> 0`)
    // 月末余额: the maintained monthly table equals its recomputation from the lines (both ways)
    const monthly = await monthsRecomputed(db)
    const unbalanced = await db.rawQuery(`
      SELECT journal_id FROM journal_lines GROUP BY journal_id
      HAVING sum(debit) <> sum(credit) OR sum(base_debit) <> sum(base_credit) OR count(*) < 2`)
    return {
      customers: customers.rows,
      projects: projects.rows,
      baseResidues: baseResidues.rows,
      monthlyBalances: monthly,
      unbalancedJournals: unbalanced.rows,
    }
  }
}

/**
 * The balance rows of one kind (customer × currency, project × currency) that differ from the sum
 * of their ledger lines, either way round: a balance without lines, or lines without a balance.
 */
function balancesOutOfLine(owner: 'customer' | 'project') {
  const [table, key] = [`${owner}_balances`, `${owner}_id`]
  return db.rawQuery(`
      SELECT coalesce(b.${key}, s.${key}) AS ${key}, coalesce(b.currency, s.currency) AS currency,
             coalesce(b.balance, 0) AS recorded, coalesce(s.total, 0) AS computed
        FROM ${table} b
        FULL JOIN (SELECT ${key}, currency, sum(credit - debit) AS total FROM journal_lines
                    WHERE ${key} IS NOT NULL GROUP BY ${key}, currency) s
          ON s.${key} = b.${key} AND s.currency = b.currency
       WHERE coalesce(b.balance, 0) <> coalesce(s.total, 0)`)
}
