import db from '@adonisjs/lucid/services/db'

/**
 * Bytes per posting (issue 20 goal 6): posts `postings` fresh journals through ledger_post (a
 * receipt with a bank reference and a memo, then an application against an invoice, alternately,
 * one statement each as the API sends it) and prints what they added to journals, journal_lines
 * and audit_logs (and audit_user_agents, where each distinct user agent is stored once) — heap with
 * TOAST, and indexes — divided by the postings, and the average pg_column_size of the rows.
 */
export async function runStorageBench(options: { postings: number; log: (line: string) => void }) {
  const { actorId, customerId } = await seed()
  await db.rawQuery('CHECKPOINT')
  const sequence = await db.rawQuery('SELECT last_value FROM journals_id_seq')
  const first = Number(sequence.rows[0].last_value)
  const before = await sizes()
  for (let i = 0; i < options.postings; i++) {
    await post(i, actorId, customerId)
  }
  const after = await sizes()
  const n = options.postings
  options.log(`${n} postings (receipt and application alternately, one transaction each)`)
  let total = 0
  for (const table of TABLES) {
    const heap = (after[table].heap - before[table].heap) / n
    const indexes = (after[table].indexes - before[table].indexes) / n
    total += heap + indexes
    options.log(
      `${table.padEnd(17)} heap+toast ${heap.toFixed(0).padStart(5)} B  indexes ${indexes.toFixed(0).padStart(5)} B  per posting`
    )
  }
  options.log(`total ${total.toFixed(0)} B per posting`)
  const rows = await rowSizes(first)
  options.log(
    `rows (pg_column_size, average): journal ${rows.journal} B, lines ${rows.lines} B per posting, audit row ${rows.audit} B (largest ${rows.auditMax} B)`
  )
  options.log(
    `audit row: after ${rows.after} B, user agent ${rows.userAgent} B (the id of a 74-byte browser agent since 0310, its text before)`
  )
}

// audit_user_agents (since 0310): each distinct agent once; here one row, its pages a one-off
const TABLES = ['journals', 'journal_lines', 'audit_logs', 'audit_user_agents'] as const
type Sizes = Record<(typeof TABLES)[number], { heap: number; indexes: number }>

async function sizes(): Promise<Sizes> {
  const result = await db.rawQuery(
    `SELECT t AS name, pg_table_size(t::regclass) AS heap, pg_indexes_size(t::regclass) AS indexes
       FROM unnest(?::text[]) t`,
    [TABLES as unknown as string[]]
  )
  return Object.fromEntries(
    result.rows.map((r: any) => [r.name, { heap: Number(r.heap), indexes: Number(r.indexes) }])
  ) as Sizes
}

async function rowSizes(afterJournalId: number) {
  const result = await db.rawQuery(
    `SELECT round(avg(pg_column_size(j.*))) AS journal,
            round(avg((SELECT sum(pg_column_size(l.*)) FROM journal_lines l WHERE l.journal_id = j.id))) AS lines,
            (SELECT round(avg(pg_column_size(a.*))) FROM audit_logs a
              WHERE a.entity_type = 'journal' AND a.entity_id::bigint > ?) AS audit,
            (SELECT max(pg_column_size(a.*)) FROM audit_logs a
              WHERE a.entity_type = 'journal' AND a.entity_id::bigint > ?) AS audit_max,
            (SELECT round(avg(pg_column_size(a.after))) FROM audit_logs a
              WHERE a.entity_type = 'journal' AND a.entity_id::bigint > ?) AS after,
            (SELECT round(avg(coalesce(pg_column_size(a.user_agent), 0)
                              + coalesce(pg_column_size(a.user_agent_id), 0))) FROM audit_logs a
              WHERE a.entity_type = 'journal' AND a.entity_id::bigint > ?) AS user_agent
       FROM journals j WHERE j.id > ?`,
    Array.from({ length: 5 }, () => afterJournalId)
  )
  const row = result.rows[0]
  return {
    journal: row.journal,
    lines: row.lines,
    audit: row.audit,
    auditMax: row.audit_max,
    after: row.after,
    userAgent: row.user_agent,
  }
}

async function seed() {
  const user = await db.rawQuery(
    `INSERT INTO users (email, password, full_name, role, locale, is_active, created_at, updated_at)
     VALUES ('storage-bench@bench.local', 'x', 'Storage bench', 'finance', 'zh-CN', true, now(), now())
     ON CONFLICT (email) DO UPDATE SET updated_at = now() RETURNING id`
  )
  const customer = await db.rawQuery(
    `INSERT INTO customers (code, name, default_currency, created_at, updated_at)
     VALUES ('STORAGE-' || floor(random() * 1e9)::text, '华东机械 (storage bench)', 'CNY', now(), now())
     RETURNING id`
  )
  const customerId = Number(customer.rows[0].id)
  await db.rawQuery(
    `INSERT INTO customer_balances (customer_id, currency) VALUES (?, 'CNY') ON CONFLICT DO NOTHING`,
    [customerId]
  )
  return { actorId: Number(user.rows[0].id), customerId }
}

const POST = `SELECT ledger_post(p_kind => ?, p_customer_id => ?, p_project_id => NULL,
    p_currency => 'CNY', p_effect => ?, p_advances_account => '2203', p_counter_account => ?,
    p_entry_date => current_date, p_channel => ?, p_bank_reference => ?,
    p_document_type => ?, p_document_no => ?, p_reason => NULL, p_memo => ?,
    p_reverses_journal_id => NULL, p_approval_id => NULL, p_exchange_rate => NULL,
    p_released => 0, p_base_currency => 'CNY', p_required_owner => NULL, p_actor_id => ?,
    p_actor_role => 'finance', p_ip => '10.0.0.17',
    p_user_agent => 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0',
    p_request_id => gen_random_uuid()::text, p_audit_entries => '[]') AS view`

async function post(i: number, actorId: number, customerId: number) {
  const receipt = i % 2 === 0
  await db.rawQuery(POST, [
    receipt ? 'receipt' : 'application',
    customerId,
    receipt ? '12345.67' : '-4321.00',
    receipt ? '1002' : '6001',
    receipt ? 'bank_transfer' : null,
    receipt ? `CMB${customerId}-${i}` : null,
    receipt ? null : 'invoice',
    receipt ? null : `INV-2026-${i}`,
    receipt ? '华东机械 HT-2026-017 第二期预付款' : null,
    actorId,
  ])
}
