import type pg from 'pg'
import { beginBulkSeed } from './seed_steps.js'

/** Movements per customer: an opening receipt in October, then this many in November. */
export const MOVES_PER_MONTH = 8

/**
 * The month-end company for `npm run bench:month-end`, in plain SQL (triggers off, as
 * bench/scale_seed.ts): `customers` active customers `ME000001…` with a contact address
 * `me<n>@month-end.bench`, an opening receipt on 15 October 2026 and, in November 2026 (the
 * "previous month" of a run made in December), receipts and applications alternating over the
 * month; balances, the ledger position and the monthly balances rebuilt from the lines.
 */
export async function seedMonthEnd(
  client: pg.ClientBase,
  customers: number,
  actorId: number,
  log: (line: string) => void
) {
  const step = await beginBulkSeed(client, log)
  await step(
    'customers',
    `INSERT INTO customers (code, name, default_currency, credit_limit, status, custom_fields,
                            contact_email, created_at, updated_at)
     SELECT 'ME' || lpad(g::text, 6, '0'), '月结客户 ' || g, 'CNY', 0, 'active', '{}',
            'me' || g || '@month-end.bench', now(), now()
       FROM generate_series(1, $1::int) g`,
    [customers]
  )
  await step(
    'journals',
    `INSERT INTO journals (journal_no, kind, customer_id, currency, amount, exchange_rate, base_amount,
                           entry_date, channel, document_type, document_no, created_by)
     SELECT 'ME' || lpad(c.id::text, 7, '0') || '-' || m, x.kind, c.id, 'CNY', x.amount, 1, x.amount,
            CASE WHEN m = 0 THEN DATE '2026-10-15' ELSE DATE '2026-11-01' + (m * 29 / ${MOVES_PER_MONTH}) END,
            CASE WHEN x.kind = 'receipt' THEN (ARRAY['bank_transfer','wechat','alipay'])[1 + m % 3] END,
            CASE WHEN x.kind = 'application' THEN 'invoice' END,
            CASE WHEN x.kind = 'application' THEN 'FP' || c.id || '-' || m END, $1::bigint
       FROM customers c CROSS JOIN generate_series(0, ${MOVES_PER_MONTH}) m
       CROSS JOIN LATERAL (SELECT
            CASE WHEN m % 2 = 0 THEN 'receipt' ELSE 'application' END AS kind,
            CASE WHEN m = 0 THEN 10000 + (c.id % 97) * 100
                 WHEN m % 2 = 0 THEN 1000 + (c.id * m) % 500 + 0.25
                 ELSE -(800 + (c.id * m) % 300 + 0.5) END::numeric(20,4) AS amount) x
      WHERE c.code LIKE 'ME%'
      ORDER BY 8, c.id, m`,
    [actorId]
  )
  await step(
    'journal lines',
    `INSERT INTO journal_lines (journal_id, line_no, account_code, customer_id, currency, debit, credit,
                                base_debit, base_credit, entry_date)
     SELECT j.id, n.line_no,
            CASE WHEN n.line_no = 2 THEN '2203' WHEN j.kind = 'application' THEN '1122' ELSE '1002' END,
            CASE WHEN n.line_no = 2 THEN j.customer_id END, j.currency,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN abs(j.amount) ELSE 0 END,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN 0 ELSE abs(j.amount) END,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN abs(j.amount) ELSE 0 END,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN 0 ELSE abs(j.amount) END,
            j.entry_date
       FROM journals j CROSS JOIN (VALUES (1), (2)) n (line_no)
      WHERE j.journal_no LIKE 'ME%'
      ORDER BY j.id, n.line_no`
  )
  await step(
    'customer balances',
    `INSERT INTO customer_balances (customer_id, currency, balance, last_journal_id)
     SELECT l.customer_id, l.currency, sum(l.credit - l.debit), max(l.journal_id) FROM journal_lines l
      WHERE l.customer_id IS NOT NULL GROUP BY 1, 2
     ON CONFLICT (customer_id, currency) DO UPDATE
        SET balance = EXCLUDED.balance, last_journal_id = EXCLUDED.last_journal_id`
  )
  await step('monthly balances', 'SELECT ledger_monthly_rebuild()')
  await client.query('COMMIT')
  await client.query(
    'VACUUM (ANALYZE) customers, journals, journal_lines, ledger_monthly_balances, ledger_rollup_months'
  )
}
