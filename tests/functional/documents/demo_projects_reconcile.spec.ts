import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { recreateSchema } from '#database/support/test_database'

const run = promisify(execFile)

/** A sibling of the suite's database, for the demo company alone (its codes are fixed). */
function demoDatabaseUrl() {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `${url.pathname}_demo`
  return url.toString()
}

async function ace(args: string[], databaseUrl: string) {
  await run(process.execPath, ['--import=ts-node-maintained/register/esm', 'ace.js', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development', LOG_LEVEL: 'error' },
    timeout: 280_000,
    maxBuffer: 16 * 1024 * 1024,
  })
}

test.group('Demo company: project figures reconcile (issue 17)', () => {
  test('for every demo customer, Σ per-project balances = customer balance, no （无项目） residue', async ({
    assert,
  }) => {
    const url = demoDatabaseUrl()
    await recreateSchema(url)
    await ace(['migration:run', '--force'], url)
    await ace(['demo:seed'], url)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query(
        `SELECT c.code, cb.currency, cb.balance::text AS balance,
                coalesce((SELECT sum(pb.balance) FROM project_balances pb
                           WHERE pb.customer_id = c.id AND pb.currency = cb.currency), 0)::text
                  AS by_projects,
                -- the customer's advance lines attributed to no project (the statement's （无项目）)
                coalesce((SELECT sum(l.credit - l.debit) FROM journal_lines l
                           WHERE l.customer_id = c.id AND l.currency = cb.currency
                             AND l.account_code = '2203' AND l.project_id IS NULL), 0)::text
                  AS no_project,
                coalesce((SELECT sum(l.credit - l.debit) FROM journal_lines l
                           WHERE l.customer_id = c.id AND l.currency = cb.currency
                             AND l.account_code = '2203'), 0)::text AS by_lines
           FROM customers c JOIN customer_balances cb ON cb.customer_id = c.id
          WHERE EXISTS (SELECT 1 FROM projects p WHERE p.customer_id = c.id)
          ORDER BY c.code, cb.currency`
      )
      assert.isAbove(rows.length, 20)
      for (const row of rows) {
        const label = `${row.code} ${row.currency}`
        assert.equal(Number(row.by_projects), Number(row.balance), `${label}: Σ projects`)
        assert.equal(Number(row.by_lines), Number(row.balance), `${label}: Σ lines`)
        assert.equal(Number(row.no_project), 0, `${label}: （无项目）`)
      }
      // the exec pack's top projects add up to no more than the company total
      const totals = await client.query(
        `SELECT (SELECT sum(base_credit - base_debit) FROM journal_lines
                  WHERE customer_id IS NOT NULL) AS company,
                (SELECT sum(amount) FROM (
                   SELECT sum(base_credit - base_debit) AS amount FROM journal_lines
                    WHERE customer_id IS NOT NULL GROUP BY project_id) t) AS by_project`
      )
      // a movement no single project covers is one journal on the project holding the most (never
      // split): that project may show less than zero, the sum still equals the company's
      assert.equal(totals.rows[0].by_project, totals.rows[0].company)
      // documents: open amounts equal amount − what their applications still apply
      const documents = await client.query(
        `SELECT d.number FROM documents d
          WHERE d.open_amount <> d.amount - coalesce((
                SELECT sum(a.amount) FROM document_applications a WHERE a.document_id = d.id), 0)`
      )
      assert.deepEqual(documents.rows, [])
      // the worked month: finance confirms sales' 1 Nov receipt (到账确认) on 2 Nov
      const c0001 = await client.query(
        `SELECT trim_scale(cb.unconfirmed)::text AS unconfirmed, trim_scale(cb.balance)::text AS balance
           FROM customer_balances cb JOIN customers c ON c.id = cb.customer_id
          WHERE c.code = 'C0001' AND cb.currency = 'CNY'`
      )
      assert.deepEqual(c0001.rows, [{ unconfirmed: '0', balance: '180000' }])
      const confirmation = await client.query(
        `SELECT rc.status, rc.method, u.email FROM receipt_confirmations rc
           JOIN customers c ON c.id = rc.customer_id JOIN users u ON u.id = rc.confirmed_by
          WHERE c.code = 'C0001'`
      )
      assert.deepEqual(confirmation.rows, [
        { status: 'confirmed', method: 'finance', email: 'finance@demo.local' },
      ])
    } finally {
      await client.end()
    }
  }).timeout(600_000)
})
