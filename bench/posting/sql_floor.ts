import { randomUUID } from 'node:crypto'
import { Decimal } from 'decimal.js'
import type pg from 'pg'
import { AUDIT_CHAINS } from '../../app/modules/audit/hash_chain.js'
import { CURRENCY, nextAmount } from './api_client.js'

/**
 * The rows a receipt writes, as LedgerWriter, appendAuditEntries and runInTransaction write them:
 * lock the balance row, insert the journal and its two lines, update the balance, append one audit
 * row to a random hash chain (hashed the same way, so audit:verify accepts it), commit — each a
 * plain statement, named (prepared once per connection) like the API's. The reads the API adds
 * (token, customer, period, credit limit) are not here: they are part of what the ratio measures.
 */
/** One pooled connection per customer, posting `perClient` times in a row (no side queues). */
export async function onEachConnection(
  pool: pg.Pool,
  customers: number[],
  perClient: number,
  post: (client: pg.PoolClient, customerId: number) => Promise<void>
) {
  await Promise.all(
    customers.map(async (customerId) => {
      const client = await pool.connect()
      try {
        for (let i = 0; i < perClient; i++) await post(client, customerId)
      } finally {
        client.release()
      }
    })
  )
}

export class SqlBaseline {
  constructor(
    private pool: pg.Pool,
    private actor: { id: number; role: string }
  ) {}

  run(customers: number[], perClient: number) {
    return onEachConnection(this.pool, customers, perClient, (client, customerId) =>
      this.post(client, customerId, nextAmount(customerId))
    )
  }

  private async post(client: pg.PoolClient, customerId: number, amount: string) {
    await client.query('BEGIN')
    try {
      await this.postInTransaction(client, customerId, amount)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    }
  }

  private async postInTransaction(client: pg.PoolClient, customerId: number, amount: string) {
    // Named statements, as the API's hot path uses: parsed and planned once per connection.
    const query = (text: string, values: unknown[]) =>
      client.query({ name: statementName(text), text, values })
    const lockBalance = () =>
      query(
        'SELECT balance, pending FROM customer_balances WHERE customer_id = $1 AND currency = $2 FOR UPDATE',
        [customerId, CURRENCY]
      )
    let locked = await lockBalance()
    if (locked.rows.length === 0) {
      await query(
        'INSERT INTO customer_balances (customer_id, currency) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [customerId, CURRENCY]
      )
      locked = await lockBalance()
    }

    const entryDate = companyToday()
    const {
      rows: [journal],
    } = await query(
      `INSERT INTO journals (journal_no, kind, customer_id, project_id, currency, amount,
            exchange_rate, base_amount, entry_date, channel, bank_reference, document_type,
            document_no, reason, memo, reverses_journal_id, approval_id, created_by)
         VALUES ('JV' || lpad(nextval('journal_no_seq')::text, 8, '0'), 'receipt', $1, NULL, $2,
            $3, '1', $3, $4, 'bank_transfer', NULL, NULL, NULL, NULL, NULL, NULL, NULL, $5)
         RETURNING *`,
      [customerId, CURRENCY, amount, entryDate, this.actor.id]
    )
    const { rows: lines } = await query(
      `INSERT INTO journal_lines (journal_id, currency, entry_date, line_no, account_code,
            customer_id, project_id, debit, credit, base_debit, base_credit)
         VALUES ($1, $2, $3, 1, '1002', NULL, NULL, $5, '0', $5, '0'),
                ($1, $2, $3, 2, '2203', $4, NULL, '0', $5, '0', $5)
         RETURNING *`,
      [journal.id, CURRENCY, entryDate, customerId, amount]
    )
    const {
      rows: [balance],
    } = await query(
      `UPDATE customer_balances
            SET balance = balance + $1, pending = pending - $2, last_journal_id = $3, updated_at = now()
          WHERE customer_id = $4 AND currency = $5
          RETURNING balance, pending`,
      [amount, '0', journal.id, customerId, CURRENCY]
    )

    const chain = Math.floor(Math.random() * AUDIT_CHAINS)
    const {
      rows: [head],
    } = await query('SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE', [chain])
    const seq = Number(head.seq) + 1
    const after = receiptView(journal, lines, balance)
    // Hashed by the database's audit_row_hash (version 2), as the API's rows are.
    const {
      rows: [appended],
    } = await query(
      `INSERT INTO audit_logs (chain, seq, prev_hash, hash, hash_version, occurred_at, actor_id,
          actor_role, ip, user_agent, request_id, entity_type, entity_id, action, before, after)
       SELECT $1::smallint, $2::bigint, $3::text,
              audit_row_hash($3, $1, $2, t, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12::jsonb),
              2, t, $4::bigint, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
              $11::text, NULL, $12::jsonb
         FROM (SELECT clock_timestamp() AS t) now
       RETURNING hash`,
      [
        chain,
        seq,
        head.hash,
        this.actor.id,
        this.actor.role,
        '127.0.0.1',
        'posting-bench',
        randomUUID(),
        'journal',
        String(journal.id),
        'post_receipt',
        JSON.stringify(after),
      ]
    )
    const hash = appended.hash
    await query('UPDATE audit_chain_heads SET seq = $1, hash = $2 WHERE chain = $3', [
      seq,
      hash,
      chain,
    ])
  }
}

const statementNames = new Map<string, string>()
export function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) {
    name = `bench_${statementNames.size}`
    statementNames.set(text, name)
  }
  return name
}

/** The same shape (and about the same size) as the journal view the API stores in the audit row. */
function receiptView(journal: any, lines: any[], balance: any) {
  const money = (value: string | Decimal) => new Decimal(value).toFixed(2)
  return {
    id: Number(journal.id),
    journalNo: journal.journal_no,
    kind: journal.kind,
    customerId: Number(journal.customer_id),
    projectId: null,
    currency: journal.currency,
    amount: money(journal.amount),
    balanceEffect: money(journal.amount),
    exchangeRate: journal.exchange_rate,
    baseAmount: money(journal.base_amount),
    entryDate: plainDate(journal.entry_date),
    channel: journal.channel,
    bankReference: null,
    documentType: null,
    documentNo: null,
    reason: null,
    memo: null,
    reversesJournalId: null,
    approvalId: null,
    createdBy: Number(journal.created_by),
    createdAt: new Date(journal.created_at).toISOString(),
    lines: lines
      .sort((a, b) => a.line_no - b.line_no)
      .map((line) => ({
        lineNo: line.line_no,
        accountCode: line.account_code,
        debit: money(line.debit),
        credit: money(line.credit),
        baseDebit: money(line.base_debit),
        baseCredit: money(line.base_credit),
      })),
    balanceAfter: {
      currency: journal.currency,
      balance: money(balance.balance),
      pending: money(balance.pending),
      available: money(new Decimal(balance.balance).minus(balance.pending)),
    },
  }
}

const todayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: process.env.COMPANY_TIMEZONE || 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

export function companyToday(): string {
  return todayFormat.format(new Date())
}

function plainDate(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
}
