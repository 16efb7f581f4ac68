import { company } from '#kernel/company'
import { ACCOUNTS, fundsAccountFor, type Channel } from '#modules/prepayments/public'
import { minorUnitsOf } from '#kernel/money/currencies'
import type { ImportContext } from '#modules/imports/services/import_context'
import { appendReceiptAudit } from '#modules/imports/services/bulk_receipt_audit'

export interface StagedReceipt {
  rowNo: number
  rowKey: string
  customerId: number
  projectId: number | null
  currency: string
  amount: string
  entryDate: string
  channel: string
  bankReference: string | null
  memo: string | null
}

const COLUMNS = [
  'row_no',
  'row_key',
  'customer_id',
  'project_id',
  'currency',
  'amount',
  'entry_date',
  'channel',
  'bank_reference',
  'memo',
] as const
const TYPES = ['int', 'text', 'bigint', 'bigint', 'text', 'numeric', 'date', 'text', 'text', 'text']

/**
 * Receipts in bulk: the same journals, lines, balances and audit rows as ledger_post writes for
 * each receipt, written set-based in the import's one transaction. A call of ledger_post per row
 * costs about 1 ms and takes an advisory lock per bank reference (100,000 overflow PostgreSQL's
 * lock table), so the rules ledger_post checks for a receipt are checked here over the whole set:
 *
 *  - customer exists, caller may act on it, is active; project is the customer's (per row, before);
 *  - the balance rows of every customer × currency are locked (in key order: no deadlock with
 *    postings, which lock one row each) before the checks that depend on the ledger's state;
 *  - an external reference twice in the file is refused (here, not in a Map of every row's key:
 *    memory stays flat whatever the file's length);
 *  - a bank reference already live on a receipt (same channel, not reversed), or twice in the file,
 *    is refused (a concurrent single posting of the same reference for the same customer waits on
 *    the balance row lock and then sees this import's journal);
 *  - the entry's period is open (the journal triggers re-check it under the period lock);
 *  - an exchange rate exists on or before the date; base = round(amount × rate) half-up, once.
 *
 *  - a receipt a sales user imports waits for 到账确认: a receipt_confirmations row per journal and
 *    the balance's `unconfirmed` raised by it, as ledger_post does for a receipt sales registers.
 *
 * Journals balance by construction (one debit line, one credit line of the same amounts) and the
 * deferred balanced-journal triggers still check each at commit; balances move by the sum of the
 * journals' effects; one audit row per journal (`post_receipt`, its references and digest) is hashed on the chain.
 */
export class BulkReceipts {
  constructor(private ctx: ImportContext) {}

  private get trx() {
    return this.ctx.uow.trx
  }

  async createStage() {
    await this.trx.rawQuery(`
      CREATE TEMP TABLE import_receipt_stage (
        row_no int PRIMARY KEY, row_key text NOT NULL, customer_id bigint NOT NULL,
        project_id bigint, currency text NOT NULL, amount numeric NOT NULL, entry_date date NOT NULL,
        channel text NOT NULL, bank_reference text, memo text,
        rate numeric, base numeric, journal_id bigint, journal_no text, balance_after numeric,
        created_at timestamptz
      ) ON COMMIT DROP`)
    await this.trx.rawQuery(
      'CREATE INDEX ON import_receipt_stage (channel, bank_reference) WHERE bank_reference IS NOT NULL'
    )
    await this.trx.rawQuery('CREATE INDEX ON import_receipt_stage (row_key)')
  }

  async stage(rows: StagedReceipt[]) {
    if (!rows.length) return
    const arrays = COLUMNS.map(() => [] as unknown[])
    for (const r of rows) {
      const values = [
        r.rowNo,
        r.rowKey,
        r.customerId,
        r.projectId,
        r.currency,
        r.amount,
        r.entryDate,
        r.channel,
        r.bankReference,
        r.memo,
      ]
      values.forEach((value, i) => arrays[i].push(value))
    }
    const unnest = TYPES.map((t) => `?::${t}[]`).join(', ')
    await this.trx.rawQuery(
      `INSERT INTO import_receipt_stage (${COLUMNS.join(', ')}) SELECT * FROM unnest(${unnest})`,
      arrays as any
    )
  }

  /** The ledger's rules over the whole set; refusals go on their rows. Skips rows imported before. */
  async checkLedgerRules() {
    const { trx, ctx } = this
    // a temporary table has no statistics until analysed: the planner would guess one row
    await trx.rawQuery('ANALYZE import_receipt_stage')
    const skipped = await trx.rawQuery(
      `DELETE FROM import_receipt_stage s USING import_row_keys k
        WHERE k.kind = 'receipt' AND k.row_key = s.row_key RETURNING s.row_no`
    )
    ctx.stats.skipped += skipped.rows.length
    ctx.stats.valid -= skipped.rows.length
    await this.lockBalances()
    const refused = await trx.rawQuery(
      `SELECT s.row_no, 'bankReference' AS field, 'duplicate_receipt' AS rule,
              s.bank_reference AS value, j.journal_no AS journal_no, NULL AS period, NULL AS date
         FROM import_receipt_stage s
         JOIN journals j ON j.kind = 'receipt' AND j.channel = s.channel
                        AND j.bank_reference = s.bank_reference
        WHERE s.bank_reference IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)
       UNION ALL
       SELECT s.row_no, 'bankReference', 'duplicate_in_file', s.bank_reference, NULL,
              NULL, (SELECT min(f.row_no) FROM import_receipt_stage f
                      WHERE f.channel = s.channel AND f.bank_reference = s.bank_reference)::text
         FROM import_receipt_stage s
        WHERE s.bank_reference IS NOT NULL AND EXISTS (
          SELECT 1 FROM import_receipt_stage f WHERE f.channel = s.channel
             AND f.bank_reference = s.bank_reference AND f.row_no < s.row_no)
       UNION ALL
       SELECT s.row_no, 'externalRef', 'duplicate_in_file', s.row_key, NULL, NULL,
              (SELECT min(f.row_no) FROM import_receipt_stage f WHERE f.row_key = s.row_key)::text
         FROM import_receipt_stage s
        WHERE EXISTS (SELECT 1 FROM import_receipt_stage f
                       WHERE f.row_key = s.row_key AND f.row_no < s.row_no)
       UNION ALL
       SELECT s.row_no, 'entryDate', 'period_closed', NULL, NULL, p.period, NULL
         FROM import_receipt_stage s
         JOIN accounting_periods p ON p.period = to_char(s.entry_date, 'YYYY-MM') AND p.status = 'closed'
       UNION ALL
       SELECT s.row_no, 'entryDate', 'before_books_start', NULL, NULL, NULL,
              ledger_books_start()::text
         FROM import_receipt_stage s
        WHERE s.entry_date < ledger_books_start()
       UNION ALL
       SELECT s.row_no, 'currency', 'exchange_rate_missing', s.currency, NULL, NULL,
              s.entry_date::text
         FROM import_receipt_stage s
        WHERE s.currency <> ? AND NOT EXISTS (
          SELECT 1 FROM exchange_rates x WHERE x.currency = s.currency AND x.rate_date <= s.entry_date)
       ORDER BY 1`,
      [company.baseCurrency]
    )
    for (const r of refused.rows) {
      ctx.errors.add(r.row_no, r.field, r.rule, {
        value: r.value,
        journalNo: r.journal_no,
        period: r.period,
        date: r.date,
        first: r.date,
        booksStart: r.date,
      })
    }
    ctx.stats.valid -= new Set(refused.rows.map((r: any) => r.row_no)).size
  }

  private async lockBalances() {
    await this.trx.rawQuery(
      `INSERT INTO customer_balances (customer_id, currency)
       SELECT DISTINCT customer_id, currency FROM import_receipt_stage ORDER BY 1, 2
       ON CONFLICT DO NOTHING`
    )
    await this.trx.rawQuery(
      `SELECT 1 FROM customer_balances b
        WHERE (b.customer_id, b.currency) IN (SELECT customer_id, currency::char(3) FROM import_receipt_stage)
        ORDER BY b.customer_id, b.currency FOR UPDATE`
    )
  }

  /** Writes the journals, lines, balances, row keys and audit rows. */
  async post() {
    const { trx, ctx } = this
    const base = company.baseCurrency
    // Journal ids first, so each row key is claimed with its journal; the keys are claimed before
    // anything is written: a concurrent import of the same rows waits here, then skips them.
    await trx.rawQuery(
      `UPDATE import_receipt_stage
          SET journal_id = nextval('journals_id_seq'),
              journal_no = 'JV' || lpad(nextval('journal_no_seq')::text, 8, '0'), created_at = now()`
    )
    const taken = await trx.rawQuery(
      `WITH k AS (
         INSERT INTO import_row_keys (kind, row_key, job_id, entity_id)
         SELECT 'receipt', row_key, ?, journal_id FROM import_receipt_stage ORDER BY row_key
         ON CONFLICT DO NOTHING RETURNING row_key)
       DELETE FROM import_receipt_stage s WHERE NOT EXISTS (SELECT 1 FROM k WHERE k.row_key = s.row_key)
       RETURNING s.row_no`,
      [ctx.jobId]
    )
    ctx.stats.skipped += taken.rows.length
    await trx.rawQuery(
      `UPDATE import_receipt_stage s
          SET rate = t.rate, base = round(s.amount * t.rate, ?), balance_after = t.balance_after
         FROM (SELECT s2.row_no, r.rate,
                      b.balance + sum(s2.amount) OVER (PARTITION BY s2.customer_id, s2.currency
                                                       ORDER BY s2.row_no) AS balance_after
                 FROM import_receipt_stage s2
                 CROSS JOIN LATERAL (SELECT CASE WHEN s2.currency = ? THEN 1 ELSE
                        (SELECT x.rate FROM exchange_rates x WHERE x.currency = s2.currency
                           AND x.rate_date <= s2.entry_date ORDER BY x.rate_date DESC LIMIT 1)
                        END AS rate) r
                 JOIN customer_balances b
                   ON b.customer_id = s2.customer_id AND b.currency = s2.currency) t
        WHERE s.row_no = t.row_no`,
      [minorUnitsOf(base), base]
    )
    await this.insertJournals()
    await this.enterUnconfirmed()
    ctx.stats.posted += await this.moveBalances()
    await appendReceiptAudit(this.ctx)
  }

  private async insertJournals() {
    const { trx, ctx } = this
    const funds = (channel: Channel) => fundsAccountFor(channel)
    await trx.rawQuery(
      `INSERT INTO journals (id, journal_no, kind, customer_id, project_id, currency, amount,
                            exchange_rate, base_amount, entry_date, channel, bank_reference, memo,
                            created_by, created_at)
       SELECT journal_id, journal_no, 'receipt', customer_id, project_id, currency, amount, rate,
              base, entry_date, channel, bank_reference, memo, ?, created_at
         FROM import_receipt_stage ORDER BY row_no`,
      [ctx.actor.userId] as any
    )
    await trx.rawQuery(
      `INSERT INTO journal_lines (journal_id, currency, entry_date, line_no, account_code,
                                  customer_id, project_id, debit, credit, base_debit, base_credit)
       SELECT journal_id, currency, entry_date, 1,
              CASE channel WHEN 'cash' THEN ? WHEN 'wechat' THEN ? WHEN 'alipay' THEN ? ELSE ? END,
              NULL, NULL, amount, 0, base, 0
         FROM import_receipt_stage
       UNION ALL
       SELECT journal_id, currency, entry_date, 2, ?, customer_id, project_id, 0, amount, 0, base
         FROM import_receipt_stage`,
      [
        funds('cash'),
        funds('wechat'),
        funds('alipay'),
        funds('bank_transfer'),
        ACCOUNTS.customerAdvances,
      ]
    )
  }

  /** What sales registers waits for 到账确认 (a bank line or a second person), as ledger_post does. */
  private get bySales() {
    return this.ctx.actor.role === 'sales'
  }

  private async enterUnconfirmed() {
    if (!this.bySales) return
    await this.trx.rawQuery(
      `INSERT INTO receipt_confirmations (journal_id, customer_id, currency, amount, status, entered_by)
       SELECT journal_id, customer_id, currency, amount, 'unconfirmed', ?
         FROM import_receipt_stage ORDER BY row_no`,
      [this.ctx.actor.userId] as any
    )
  }

  private async moveBalances() {
    const { trx } = this
    const moved = await trx.rawQuery(
      `UPDATE customer_balances b
          SET balance = b.balance + t.total, last_journal_id = t.last_id, updated_at = now(),
              unconfirmed = b.unconfirmed + CASE WHEN ? THEN t.total ELSE 0 END
         FROM (SELECT customer_id, currency, sum(amount) AS total, max(journal_id) AS last_id,
                      count(*) AS n
                 FROM import_receipt_stage GROUP BY 1, 2) t
        WHERE b.customer_id = t.customer_id AND b.currency = t.currency
       RETURNING t.n`,
      [this.bySales]
    )
    await trx.rawQuery(
      `INSERT INTO project_balances (project_id, currency, customer_id, balance)
       SELECT project_id, currency, customer_id, sum(amount) FROM import_receipt_stage
        WHERE project_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2
       ON CONFLICT (project_id, currency) DO UPDATE
         SET balance = project_balances.balance + EXCLUDED.balance, updated_at = now()`
    )
    return moved.rows.reduce((sum: number, r: any) => sum + Number(r.n), 0)
  }
}
