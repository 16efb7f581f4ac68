import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import {
  findBankAccount,
  bankAccountView,
  LIVE_MATCHED,
} from '#modules/banking/services/bank_accounts'
import { company, companyToday } from '#kernel/company'
import { minorUnitsOf } from '#kernel/money/currencies'
import { formatAmount } from '#kernel/money/money'
import { plainDateOf } from '#modules/prepayments/public'

/** Rows listed per section (counts and totals always cover them all). */
const LIST_LIMIT = 500

export const AGEING_BUCKETS = [
  { bucket: '0-7', maxDays: 7 },
  { bucket: '8-30', maxDays: 30 },
  { bucket: '31-60', maxDays: 60 },
  { bucket: '61+', maxDays: Number.POSITIVE_INFINITY },
] as const

/** Lines of the account in the period with the part no live journal accounts for. */
const OPEN_LINES = `
  SELECT l.id, l.value_date, l.direction, l.amount, l.amount - ${LIVE_MATCHED} AS open_amount,
         l.counterparty_name, l.counterparty_account, l.memo, l.status, l.bank_reference
    FROM bank_lines l
   WHERE l.bank_account_id = :accountId AND l.value_date BETWEEN :from AND :to AND l.status <> 'ignored'`

/** Receipts (or refunds) the bank has not shown: live, on no line, of the account's channel. */
const JOURNALS_WITHOUT_LINE = `
  SELECT j.id, j.journal_no, j.entry_date, j.customer_id, c.name AS customer_name, abs(j.amount) AS amount,
         rc.status AS confirmation
    FROM journals j JOIN customers c ON c.id = j.customer_id
    LEFT JOIN receipt_confirmations rc ON rc.journal_id = j.id
   WHERE j.kind = :kind AND j.currency = :currency AND j.entry_date BETWEEN :from AND :to
     AND (j.kind = 'refund' OR j.channel = :channel)
     AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)
     AND NOT EXISTS (SELECT 1 FROM bank_line_matches m WHERE m.journal_id = j.id)`

/**
 * 对账: one bank account over a period, bank against ledger. Bank credits vs the receipts they
 * prove; credits no receipt accounts for (unregistered money: someone paid and nobody registered
 * it); receipts of the account's channel the bank never showed (registered money that did not
 * arrive, or a duplicate registration); the same for debits and refunds; all aged to the period's
 * end (or today).
 */
export type ReconciliationReport = Awaited<ReturnType<ReconciliationService['report']>>

export class ReconciliationService {
  async report(bankAccountId: number, from: string, to: string) {
    const account = await findBankAccount(bankAccountId)
    const today = companyToday()
    const asOf = to < today ? to : today
    const fmt = (value: string | Decimal) => formatAmount(value, account.currency)
    const bindings = {
      accountId: account.id,
      from,
      to,
      asOf,
      currency: account.currency,
      channel: account.channel,
    }
    const client = db.connection()
    const totals = await client.rawQuery(
      `SELECT l.direction, count(*) AS count, coalesce(sum(l.amount), 0) AS total,
              coalesce(sum(l.amount - l.open_amount), 0) AS matched
         FROM (${OPEN_LINES.replace("AND l.status <> 'ignored'", '')}) l GROUP BY l.direction`,
      bindings
    )
    const side = (direction: string) => totals.rows.find((row: any) => row.direction === direction)
    const section = (d: string) => ({
      count: Number(side(d)?.count ?? 0),
      total: fmt(side(d)?.total ?? '0'),
      matched: fmt(side(d)?.matched ?? '0'),
    })
    const unregistered = await openLines(client, bindings, 'credit')
    const unmatchedDebits = await openLines(client, bindings, 'debit')
    const receipts = await journalsWithoutLine(client, { ...bindings, kind: 'receipt' })
    const refunds =
      account.channel === 'bank_transfer'
        ? await journalsWithoutLine(client, { ...bindings, kind: 'refund' })
        : null
    const unreconciled = new Decimal(unregistered.total).plus(receipts.total)
    const present = (part: {
      total: Decimal
      count: number
      ageing: Map<string, Decimal>
      rows: any[]
    }) => ({
      count: part.count,
      total: fmt(part.total),
      ageing: AGEING_BUCKETS.map(({ bucket }) => ({
        bucket,
        amount: fmt(part.ageing.get(bucket) ?? new Decimal(0)),
      })),
      rows: part.rows,
    })
    return {
      bankAccount: bankAccountView(account),
      period: { from, to },
      asOf,
      bank: { credits: section('credit'), debits: section('debit') },
      unregisteredCredits: present(unregistered),
      receiptsWithoutBankLine: present(receipts),
      unmatchedDebits: present(unmatchedDebits),
      refundsWithoutBankLine: refunds ? present(refunds) : null,
      unreconciledAmount: fmt(unreconciled),
    }
  }
}

function ageingOf(rows: Array<{ age_days: number; amount: Decimal }>) {
  const ageing = new Map<string, Decimal>()
  for (const row of rows) {
    const bucket = AGEING_BUCKETS.find((b) => row.age_days <= b.maxDays)!.bucket
    ageing.set(bucket, (ageing.get(bucket) ?? new Decimal(0)).plus(row.amount))
  }
  return ageing
}

/**
 * An open-item list: count, total and ageing over every item, the items themselves up to
 * LIST_LIMIT (the figures stay whole however long the list).
 */
function openItems<R extends { age_days: number; amount: Decimal }, V>(
  all: R[],
  view: (row: R) => V
) {
  return {
    count: all.length,
    total: all.reduce((sum, row) => sum.plus(row.amount), new Decimal(0)),
    ageing: ageingOf(all),
    rows: all.slice(0, LIST_LIMIT).map(view),
  }
}

async function openLines(
  client: QueryClientContract,
  bindings: Record<string, any>,
  direction: string
) {
  const result = await client.rawQuery(
    `SELECT o.*, (:asOf::date - o.value_date) AS age_days,
            (SELECT json_build_object('id', s.id, 'customerId', s.customer_id, 'journalId', s.journal_id,
                                      'reason', s.reason, 'confidence', s.confidence::text)
               FROM bank_match_suggestions s WHERE s.bank_line_id = o.id
              ORDER BY s.confidence DESC, s.id LIMIT 1) AS suggestion
       FROM (${OPEN_LINES}) o WHERE o.direction = :direction AND o.open_amount > 0
      ORDER BY o.value_date, o.id`,
    { ...bindings, direction }
  )
  const all = result.rows.map((row: any) => ({
    ...row,
    full: row.amount,
    amount: new Decimal(row.open_amount),
    age_days: Number(row.age_days),
  }))
  return openItems(all, (row: any) => ({
    id: Number(row.id),
    valueDate: plainDateOf(row.value_date),
    openAmount: row.amount.toFixed(),
    amount: new Decimal(row.full).toFixed(),
    counterpartyName: row.counterparty_name,
    counterpartyAccount: row.counterparty_account,
    memo: row.memo,
    status: row.status,
    ageDays: row.age_days,
    suggestion: row.suggestion,
  }))
}

async function journalsWithoutLine(client: QueryClientContract, bindings: Record<string, any>) {
  const result = await client.rawQuery(
    `SELECT o.*, (:asOf::date - o.entry_date) AS age_days FROM (${JOURNALS_WITHOUT_LINE}) o
      ORDER BY o.entry_date, o.id`,
    bindings
  )
  const all = result.rows.map((row: any) => ({
    ...row,
    amount: new Decimal(row.amount),
    age_days: Number(row.age_days),
  }))
  return openItems(all, (row: any) => ({
    journalId: Number(row.id),
    journalNo: row.journal_no,
    entryDate: plainDateOf(row.entry_date),
    customerId: Number(row.customer_id),
    customerName: row.customer_name,
    amount: row.amount.toFixed(),
    confirmation: row.confirmation ?? 'entered_by_finance',
    ageDays: row.age_days,
  }))
}

/**
 * The executive pack's one line: money the bank and the ledger do not yet agree on, as of a date,
 * in the base currency — bank credits no live receipt accounts for, plus receipts of a channel with
 * a bank account that no line shows. Each (channel, currency) counts once however many accounts
 * share it.
 */
export async function unreconciledBaseAmount(
  client: QueryClientContract,
  asOf: string
): Promise<string> {
  const base = company.baseCurrency
  const result = await client.rawQuery(
    `WITH lines AS (
       -- at the latest rate on or before the line's date (a currency without one counts nothing)
       SELECT coalesce(sum(round((l.amount - ${LIVE_MATCHED}) * CASE WHEN l.currency = :base THEN 1 ELSE
                (SELECT x.rate FROM exchange_rates x WHERE x.currency = l.currency AND x.rate_date <= l.value_date
                  ORDER BY x.rate_date DESC LIMIT 1) END, :minor)), 0) AS total
         FROM bank_lines l
        WHERE l.direction = 'credit' AND l.status <> 'ignored' AND l.value_date <= :asOf
          AND l.amount > ${LIVE_MATCHED}
     ), receipts AS (
       SELECT coalesce(sum(j.base_amount), 0) AS total
         FROM journals j
        WHERE j.kind = 'receipt' AND j.entry_date <= :asOf
          AND EXISTS (SELECT 1 FROM bank_accounts a WHERE a.channel = j.channel AND a.currency = j.currency)
          AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)
          AND NOT EXISTS (SELECT 1 FROM bank_line_matches m WHERE m.journal_id = j.id)
     )
     SELECT lines.total + receipts.total AS total FROM lines, receipts`,
    { asOf, base, minor: minorUnitsOf(base) }
  )
  return formatAmount(result.rows[0].total, base)
}
