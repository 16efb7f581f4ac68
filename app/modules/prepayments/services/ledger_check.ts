import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { documentsOutOfLine } from '#modules/prepayments/documents/document_check'
import { monthsRecomputed } from '#modules/prepayments/services/ledger_monthly_check'

type Trx = TransactionClientContract
type Rows = Array<Record<string, any>>

export interface LedgerCheckReport {
  mode: 'full' | 'incremental'
  /** lines after this id were read (0: every line) */
  fromLineId: number
  linesRead: number
  customers: Rows
  projects: Rows
  baseResidues: Rows
  monthlyBalances: Rows
  unbalancedJournals: Rows
  documents: Rows
  /** the line id the check recorded as its checkpoint; null when it found problems or none was safe */
  checkpoint: number | null
}

/** Problems a report lists (0: the ledger is consistent). */
export function problemCount(report: LedgerCheckReport): number {
  return (
    report.customers.length +
    report.projects.length +
    report.baseResidues.length +
    report.monthlyBalances.length +
    report.unbalancedJournals.length +
    report.documents.length
  )
}

/**
 * The ledger's consistency, from the last check that passed (incremental) or from the beginning
 * (`full`, and whenever no checkpoint exists). Balances are compared with the checkpoint's running
 * totals plus the lines written since; journals, months and documents those lines touched are
 * re-checked (full: all of them). A check that passes records a checkpoint.
 */
export async function checkLedger(options: { full?: boolean } = {}): Promise<LedgerCheckReport> {
  const settled = await settledLinePosition()
  return db.transaction(
    async (trx) => {
      const point = options.full ? null : await latestPoint(trx)
      const from = point?.lineId ?? 0
      const linesRead = await totalsNow(trx, point?.id ?? null, from)
      const report: LedgerCheckReport = {
        mode: point ? 'incremental' : 'full',
        fromLineId: from,
        linesRead,
        ...(await balancesOutOfLine(trx)),
        monthlyBalances: point ? await monthsOutOfLine(trx, from) : await monthsRecomputed(trx),
        unbalancedJournals: await unbalancedJournals(trx, from),
        documents: await documentsOutOfLine(trx, point ? from : undefined),
        checkpoint: null,
      }
      if (problemCount(report) === 0 && settled !== null && settled >= from) {
        report.checkpoint = await recordPoint(trx, settled, report.mode)
      }
      return report
    },
    { isolationLevel: 'repeatable read' }
  )
}

/**
 * The highest line id below which every line is committed: line ids come from a sequence in
 * insert order, not commit order, so a short SHARE lock waits for the inserts in flight (and
 * holds new ones for that moment). Null when they do not finish within 2 s (a long import): the
 * check then runs but records no checkpoint.
 */
async function settledLinePosition(): Promise<number | null> {
  try {
    return await db.transaction(async (trx) => {
      await trx.rawQuery("SET LOCAL lock_timeout = '2s'")
      await trx.rawQuery('LOCK TABLE journal_lines IN SHARE MODE')
      const result = await trx.rawQuery('SELECT coalesce(max(id), 0) AS id FROM journal_lines')
      return Number(result.rows[0].id)
    })
  } catch (error: any) {
    if (error?.code === '55P03') return null // lock_not_available
    throw error
  }
}

async function latestPoint(trx: Trx) {
  const row = await trx.from('ledger_check_points').orderBy('id', 'desc').first()
  return row ? { id: Number(row.id), lineId: Number(row.line_id) } : null
}

const DELTA = (from: string) => `
  SELECT 'customer' AS scope, customer_id AS key_id, currency, sum(credit - debit) AS total,
         sum(base_credit - base_debit) AS base_total, count(*) AS lines
    FROM journal_lines WHERE id > ${from} AND customer_id IS NOT NULL GROUP BY customer_id, currency
  UNION ALL
  SELECT 'project', project_id, currency, sum(credit - debit), sum(base_credit - base_debit), 0
    FROM journal_lines WHERE id > ${from} AND project_id IS NOT NULL GROUP BY project_id, currency`

/** ledger_check_now: the checkpoint's totals plus the lines since; returns the lines read. */
async function totalsNow(trx: Trx, pointId: number | null, from: number) {
  await trx.rawQuery(
    `CREATE TEMP TABLE ledger_check_now ON COMMIT DROP AS
     SELECT scope, key_id, currency, sum(total) AS total, sum(base_total) AS base_total,
            sum(lines) AS lines
       FROM (SELECT scope, key_id, currency, total, base_total, 0 AS lines
               FROM ledger_check_totals WHERE point_id = ?
             UNION ALL ${DELTA('?')}) t
      GROUP BY scope, key_id, currency`,
    [pointId ?? 0, from, from]
  )
  const read = await trx.rawQuery(
    "SELECT coalesce(sum(lines), 0) AS n FROM ledger_check_now WHERE scope = 'customer'"
  )
  const other = await trx.rawQuery(
    'SELECT count(*) AS n FROM journal_lines WHERE id > ? AND customer_id IS NULL',
    [from]
  )
  return Number(read.rows[0].n) + Number(other.rows[0].n)
}

/** Every balance against its computed total; a zero balance holding a base residue (汇兑损益). */
async function balancesOutOfLine(trx: Trx) {
  const compare = (table: string, key: string, scope: string) =>
    trx.rawQuery(`
      SELECT coalesce(b.${key}, n.key_id) AS ${key}, coalesce(b.currency, n.currency) AS currency,
             coalesce(b.balance, 0) AS recorded, coalesce(n.total, 0) AS computed
        FROM ${table} b
        FULL JOIN (SELECT * FROM ledger_check_now WHERE scope = '${scope}') n
          ON n.key_id = b.${key} AND n.currency = b.currency
       WHERE coalesce(b.balance, 0) <> coalesce(n.total, 0)`)
  const customers = await compare('customer_balances', 'customer_id', 'customer')
  const projects = await compare('project_balances', 'project_id', 'project')
  const residues = await trx.rawQuery(`
    SELECT b.customer_id, b.currency, n.base_total AS base_residue
      FROM customer_balances b
      JOIN ledger_check_now n
        ON n.scope = 'customer' AND n.key_id = b.customer_id AND n.currency = b.currency
     WHERE b.balance = 0 AND n.base_total <> 0`)
  return { customers: customers.rows, projects: projects.rows, baseResidues: residues.rows }
}

/**
 * 月末余额 of the customers × currencies the new lines touched: the latest closing of each of
 * their (project, channel) keys adds up to the computed balance, in the currency and in base, and
 * so do the latest closings of their projects and of the customer level (ledger_rollup_months).
 */
async function monthsOutOfLine(trx: Trx, from: number): Promise<Rows> {
  const result = await trx.rawQuery(
    `WITH touched AS (SELECT DISTINCT customer_id, currency FROM journal_lines
                       WHERE id > ? AND customer_id IS NOT NULL),
          latest AS (SELECT DISTINCT ON (m.customer_id, m.currency, m.project_id, m.channel)
                            m.customer_id, m.currency, m.closing, m.closing_base
                       FROM ledger_monthly_balances m JOIN touched t USING (customer_id, currency)
                      ORDER BY m.customer_id, m.currency, m.project_id, m.channel, m.month DESC),
          rollup AS (SELECT DISTINCT ON (m.customer_id, m.currency, m.project_id)
                            m.customer_id, m.currency, m.project_id, m.closing, m.closing_base
                       FROM ledger_rollup_months m JOIN touched t USING (customer_id, currency)
                      ORDER BY m.customer_id, m.currency, m.project_id, m.month DESC),
          closings AS (SELECT 'closing differs from the lines' AS problem, customer_id, currency,
                              closing, closing_base FROM latest
                       UNION ALL
                       SELECT CASE WHEN project_id = -1 THEN 'customer closing differs from the lines'
                                   ELSE 'project closings differ from the lines' END,
                              customer_id, currency, closing, closing_base FROM rollup)
     SELECT p.problem, t.customer_id, t.currency,
            coalesce(sum(l.closing), 0) AS closing, n.total AS computed,
            coalesce(sum(l.closing_base), 0) AS closing_base, n.base_total AS computed_base
       FROM touched t
       CROSS JOIN (VALUES ('closing differs from the lines'),
                          ('customer closing differs from the lines'),
                          ('project closings differ from the lines')) p (problem)
       JOIN ledger_check_now n
         ON n.scope = 'customer' AND n.key_id = t.customer_id AND n.currency = t.currency
       LEFT JOIN closings l
         ON l.problem = p.problem AND l.customer_id = t.customer_id AND l.currency = t.currency
      GROUP BY p.problem, t.customer_id, t.currency, n.total, n.base_total
     HAVING coalesce(sum(l.closing), 0) <> n.total OR coalesce(sum(l.closing_base), 0) <> n.base_total
      LIMIT 100`,
    [from]
  )
  return result.rows
}

/** Journals (with a line after `from`) whose debits and credits differ, or with one line. */
async function unbalancedJournals(trx: Trx, from: number): Promise<Rows> {
  const result = await trx.rawQuery(
    `SELECT journal_id FROM journal_lines
      WHERE journal_id IN (SELECT journal_id FROM journal_lines WHERE id > ?)
      GROUP BY journal_id
     HAVING sum(debit) <> sum(credit) OR sum(base_debit) <> sum(base_credit) OR count(*) < 2`,
    [from]
  )
  return result.rows
}

/** The totals at `lineId` (now's less the lines after it), as a new checkpoint; keeps two. */
async function recordPoint(trx: Trx, lineId: number, mode: string): Promise<number> {
  const point = await trx.rawQuery(
    'INSERT INTO ledger_check_points (line_id, mode) VALUES (?, ?) RETURNING id',
    [lineId, mode]
  )
  const pointId = Number(point.rows[0].id)
  await trx.rawQuery(
    `INSERT INTO ledger_check_totals (point_id, scope, key_id, currency, total, base_total)
     SELECT ?, n.scope, n.key_id, n.currency, n.total - coalesce(x.total, 0),
            n.base_total - coalesce(x.base_total, 0)
       FROM ledger_check_now n
       LEFT JOIN (${DELTA('?')}) x USING (scope, key_id, currency)`,
    [pointId, lineId, lineId]
  )
  await trx.rawQuery(
    'DELETE FROM ledger_check_points WHERE id < (SELECT max(id) - 1 FROM ledger_check_points)'
  )
  return lineId
}
