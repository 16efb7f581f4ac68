import type pg from 'pg'
import { beginBulkSeed } from './seed_steps.js'

/** The size of the company `npm run bench:scale` builds (SCALE=full: issue 20's). */
export interface ScaleSize {
  customers: number
  journals: number
  auditRows: number
}

export function scaleSize(scale = process.env.SCALE ?? 'small'): ScaleSize {
  if (scale === 'full') return { customers: 10_000, journals: 5_000_000, auditRows: 5_000_000 }
  if (scale === 'small') return { customers: 1_000, journals: 500_000, auditRows: 500_000 }
  const journals = Number(scale)
  if (!Number.isInteger(journals) || journals < 1000) {
    throw new Error('SCALE is small, full or a number of journals (≥ 1000)')
  }
  return { customers: Math.max(100, Math.round(journals / 500)), journals, auditRows: journals }
}

const FIRST_DAY = '2023-12-01'
const DAYS = 1096 // three years, to 2026-11-30

/**
 * Builds the company with plain SQL, triggers off (session_replication_role = replica): customers
 * with three projects each, journals over three years skewed to a few customers (customer rank =
 * C·u³: the largest holds ≈ 10 % of the lines, as the top customers do), two lines each, a
 * reversal for every 200th receipt, audit rows (hashes not chained: a bench chain), then the
 * balances and the monthly balances rebuilt from the lines.
 */
export async function seedScale(
  client: pg.ClientBase,
  size: ScaleSize,
  actorId: number,
  log: (line: string) => void
) {
  const step = await beginBulkSeed(client, log)
  await client.query(`SET LOCAL work_mem = '256MB'`)
  await client.query('SELECT setseed(0.2026)')
  await step(
    'customers',
    `INSERT INTO customers (code, name, default_currency, credit_limit, status, custom_fields,
                            sales_owner_id, created_at, updated_at)
     SELECT 'SC' || lpad(g::text, 6, '0'), '规模客户 ' || g, 'CNY', 0, 'active', '{}', NULL, now(), now()
       FROM generate_series(1, $1::int) g`,
    [size.customers]
  )
  await step(
    'projects',
    `INSERT INTO projects (customer_id, code, name, currency, status, created_at, updated_at)
     SELECT c.id, 'P' || k, '项目 ' || c.code || '-' || k, 'CNY', 'active', now(), now()
       FROM customers c CROSS JOIN generate_series(1, 3) k WHERE c.code LIKE 'SC%' ORDER BY c.id, k`
  )
  await step(
    'journals',
    `WITH bounds AS (
       SELECT (SELECT min(id) FROM customers WHERE code LIKE 'SC%') AS c0,
              (SELECT min(p.id) FROM projects p JOIN customers c ON c.id = p.customer_id
                WHERE c.code LIKE 'SC%') AS p0),
     g AS (
       SELECT g, floor($1::int * power(random(), 3))::int AS rank, g % 20 AS k,
              ((10000 + floor(random() * 990000)) / 100)::numeric(20,2) AS amount
         FROM generate_series(1, $2::int) g)
     INSERT INTO journals (journal_no, kind, customer_id, project_id, currency, amount, exchange_rate,
                           base_amount, entry_date, channel, document_type, document_no, reason,
                           created_by)
     SELECT 'JS' || lpad(g.g::text, 9, '0'), x.kind, b.c0 + g.rank,
            CASE WHEN g.g % 3 = 0 THEN NULL ELSE b.p0 + g.rank * 3 + g.g % 3 - 1 END,
            'CNY', x.effect, 1, x.effect, DATE '${FIRST_DAY}' + (g.g::bigint * ${DAYS - 1} / $2::int)::int,
            CASE WHEN x.kind = 'receipt' THEN (ARRAY['bank_transfer','wechat','alipay'])[1 + g.g % 3] END,
            CASE WHEN x.kind = 'application' THEN 'invoice' END,
            CASE WHEN x.kind = 'application' THEN 'FP' || g.g END,
            CASE WHEN x.kind = 'adjustment' THEN '规模测试调整' END, $3::bigint
       FROM g CROSS JOIN bounds b
       CROSS JOIN LATERAL (SELECT
         CASE WHEN g.k < 10 THEN 'receipt' WHEN g.k < 17 THEN 'application'
              WHEN g.k = 17 THEN 'refund' ELSE 'adjustment' END AS kind,
         CASE WHEN g.k < 10 THEN g.amount WHEN g.k < 18 THEN -round(g.amount * 0.6, 2)
              WHEN g.g % 2 = 0 THEN round(g.amount * 0.1, 2) ELSE -round(g.amount * 0.1, 2) END AS effect) x`,
    [size.customers, size.journals, actorId]
  )
  await step(
    'reversals',
    `INSERT INTO journals (journal_no, kind, customer_id, project_id, currency, amount, exchange_rate,
                           base_amount, entry_date, reason, reverses_journal_id, created_by)
     SELECT 'JR' || substr(j.journal_no, 3), 'reversal', j.customer_id, j.project_id, j.currency,
            -j.amount, 1, -j.amount, least(j.entry_date + 1, DATE '2026-11-30'), '重复登记', j.id, $1::bigint
       FROM journals j WHERE j.journal_no LIKE 'JS%' AND j.kind = 'receipt' AND j.id % 200 = 0`,
    [actorId]
  )
  await step(
    'journal lines',
    `INSERT INTO journal_lines (journal_id, line_no, account_code, customer_id, project_id, currency,
                                debit, credit, base_debit, base_credit, entry_date)
     SELECT j.id, n.line_no,
            CASE WHEN n.line_no = 2 THEN '2203'
                 WHEN j.kind = 'application' THEN '1122' WHEN j.kind = 'adjustment' THEN '6711'
                 ELSE '1002' END,
            CASE WHEN n.line_no = 2 THEN j.customer_id END, CASE WHEN n.line_no = 2 THEN j.project_id END,
            j.currency,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN abs(j.amount) ELSE 0 END,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN 0 ELSE abs(j.amount) END,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN abs(j.amount) ELSE 0 END,
            CASE WHEN (n.line_no = 1) = (j.amount > 0) THEN 0 ELSE abs(j.amount) END,
            j.entry_date
       FROM journals j CROSS JOIN (VALUES (1), (2)) n (line_no)
      WHERE j.journal_no LIKE 'JS%' OR j.journal_no LIKE 'JR%'
      ORDER BY j.entry_date, j.id, n.line_no`
  )
  await step(
    'customer balances',
    `INSERT INTO customer_balances (customer_id, currency, balance)
     SELECT customer_id, currency, sum(credit - debit) FROM journal_lines
      WHERE customer_id IS NOT NULL GROUP BY 1, 2
     ON CONFLICT (customer_id, currency) DO UPDATE SET balance = EXCLUDED.balance`
  )
  await step(
    'project balances',
    `INSERT INTO project_balances (project_id, currency, customer_id, balance)
     SELECT project_id, currency, min(customer_id), sum(credit - debit) FROM journal_lines
      WHERE project_id IS NOT NULL GROUP BY 1, 2
     ON CONFLICT (project_id, currency) DO UPDATE SET balance = EXCLUDED.balance`
  )
  await step('monthly balances', 'SELECT ledger_monthly_rebuild()')
  await step(
    'audit rows',
    `INSERT INTO audit_logs (chain, seq, prev_hash, hash, occurred_at, actor_id, actor_role,
                             entity_type, entity_id, action, after, hash_version)
     SELECT 32000, g, repeat('0', 64), repeat('0', 64),
            TIMESTAMPTZ '${FIRST_DAY} 00:00+08' + g * (interval '${DAYS} days' / $1::int), $2::bigint,
            CASE WHEN g % 1000 = 0 THEN 'admin' ELSE 'finance' END,
            CASE WHEN g % 500 = 0 THEN 'customer' ELSE 'journal' END, g::text,
            CASE WHEN g % 500 = 0 THEN 'update' ELSE 'post_receipt' END,
            jsonb_build_object('journalNo', 'JS' || g), 2
       FROM generate_series(1, $1::int) g`,
    [size.auditRows, actorId]
  )
  await client.query('COMMIT')
  const started = Date.now()
  await client.query(
    'VACUUM (ANALYZE) journal_lines, journals, ledger_monthly_balances, ledger_rollup_months, audit_logs'
  )
  log(`  vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
