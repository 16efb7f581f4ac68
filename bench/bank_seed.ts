import db from '@adonisjs/lucid/services/db'

const SYLLABLES =
  '金银锦绣山河天地日月星辰风云雷江湖海洋松柏梅兰竹菊春秋东西南北中和平安康泰富贵吉祥如意恒通达远宏伟鑫隆盛昌旺兴华信诚德福'

/**
 * Customer g's name: region + two of 60 syllables + trade + 有限公司, so names differ the way real
 * ones do (a region and trade shared by hundreds, the whole name by almost nobody).
 */
export const BENCH_NAME = `(ARRAY['华东','华南','华北','西南','东北','江浙','闽粤','川渝'])[1 + g % 8]
  || substr('${SYLLABLES}', 1 + (g * 7) % 60, 1) || substr('${SYLLABLES}', 1 + (g / 60) % 60, 1)
  || (ARRAY['机械','电子','化工','建材','物流','食品','纺织','医药'])[1 + (g / 8) % 8] || '有限公司'`

/**
 * Seeds the bench database with plain SQL (the API would take hours for a million receipts):
 * customers, a finance user, receipts with their two lines, a third of them entered by sales and
 * awaiting 到账确认, learned payer accounts; balances rebuilt from the lines, so ledger:check
 * passes. Triggers are off while seeding (session_replication_role = replica; a superuser bench).
 */
export async function seedBankBench(
  customers: number,
  receipts: number,
  log: (line: string) => void
) {
  const started = Date.now()
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    await trx.rawQuery(`
      INSERT INTO users (email, password, full_name, role, locale, is_active, created_at, updated_at)
      VALUES ('bench-finance@bench.local', 'x', 'Bench finance', 'finance', 'zh-CN', true, now(), now()),
             ('bench-sales@bench.local', 'x', 'Bench sales', 'sales', 'zh-CN', true, now(), now())`)
    await trx.rawQuery(
      `INSERT INTO customers (code, name, default_currency, credit_limit, status, custom_fields, created_at, updated_at)
       SELECT 'BC' || lpad(g::text, 6, '0'),
              ${BENCH_NAME},
              'CNY', 0, 'active', '{}', now(), now()
         FROM generate_series(1, ?) g`,
      [customers]
    )
    await trx.rawQuery(`
      INSERT INTO customer_name_keys (customer_id, name_key)
      SELECT id, bank_name_key(name) FROM customers WHERE code LIKE 'BC%'`)
    await trx.rawQuery(
      `INSERT INTO journals (journal_no, kind, customer_id, currency, amount, exchange_rate, base_amount,
                             entry_date, channel, bank_reference, created_by)
       SELECT 'JB' || lpad(g::text, 9, '0'), 'receipt', c.min_id + g % ?, 'CNY', a.amount, 1, a.amount,
              DATE '2024-01-01' + (g % 700), 'bank_transfer', 'BR' || g, u.id
         FROM generate_series(1, ?) g
         CROSS JOIN (SELECT min(id) AS min_id FROM customers WHERE code LIKE 'BC%') c
         CROSS JOIN (SELECT id FROM users WHERE email = 'bench-finance@bench.local') u
         CROSS JOIN LATERAL (SELECT (100000 + (g::bigint * 7919) % 9900000) / 100.0 AS amount) a`,
      [customers, receipts]
    )
    await trx.rawQuery(`
      INSERT INTO journal_lines (journal_id, line_no, account_code, customer_id, currency, debit, credit,
                                 base_debit, base_credit, entry_date)
      SELECT id, 1, '1002', NULL, currency, amount, 0, amount, 0, entry_date FROM journals WHERE journal_no LIKE 'JB%'
      UNION ALL
      SELECT id, 2, '2203', customer_id, currency, 0, amount, 0, amount, entry_date FROM journals WHERE journal_no LIKE 'JB%'`)
    await trx.rawQuery(`
      INSERT INTO receipt_confirmations (journal_id, customer_id, currency, amount, status, entered_by)
      SELECT j.id, j.customer_id, j.currency, j.amount, 'unconfirmed', u.id
        FROM journals j, (SELECT id FROM users WHERE email = 'bench-sales@bench.local') u
       WHERE j.journal_no LIKE 'JB%' AND j.id % 3 = 0`)
    await trx.rawQuery(`
      INSERT INTO customer_balances (customer_id, currency, balance, unconfirmed)
      SELECT l.customer_id, l.currency, sum(l.credit - l.debit),
             coalesce((SELECT sum(amount) FROM receipt_confirmations rc
                        WHERE rc.customer_id = l.customer_id AND rc.status = 'unconfirmed'), 0)
        FROM journal_lines l WHERE l.customer_id IS NOT NULL GROUP BY l.customer_id, l.currency
      ON CONFLICT (customer_id, currency) DO UPDATE SET balance = EXCLUDED.balance, unconfirmed = EXCLUDED.unconfirmed`)
    await trx.rawQuery('SELECT ledger_monthly_rebuild()') // the line trigger was off
    await trx.rawQuery(`
      INSERT INTO payer_accounts (account_no, customer_id)
      SELECT 'PA' || c.id, c.id FROM customers c WHERE c.code LIKE 'BC%' AND c.id % 4 = 0`)
    await trx.rawQuery(`SELECT setval('journal_no_seq', greatest(nextval('journal_no_seq'), 1))`)
  })
  await db.rawQuery('ANALYZE')
  log(
    `seeded ${customers} customers, ${receipts} receipts (+ lines, balances) in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
}
