import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { route } from '#tests/support/route'
import { BalancesReportBuilder, type GroupBy } from '#modules/reports/services/balances_report'
import { linesBalancesReport } from '#tests/support/balances_from_lines'

/*
| Issue 20, the ledger's read path: monthly closing balances kept by the posting path (postings,
| a reversal, FX lines, a back-dated posting into an earlier open month), keyset ledger pages whose
| running balance carries across pages, and the balances report read from the monthly table.
*/

const MONTHLY_COLUMNS = `customer_id, currency, project_id, channel, month, received, applied,
  refunded, adjusted, net, received_base, applied_base, refunded_base, adjusted_base, net_base,
  lines::bigint, closing, closing_base`

/** Rows of the maintained table that differ from the recomputation, for one customer (both ways). */
async function monthlyDifferences(customerId: number) {
  const result = await db.rawQuery(
    `WITH r AS (SELECT * FROM ledger_monthly_recomputed() WHERE customer_id = ?),
          m AS (SELECT ${MONTHLY_COLUMNS} FROM ledger_monthly_balances WHERE customer_id = ?)
     SELECT * FROM ((TABLE r EXCEPT TABLE m) UNION ALL (TABLE m EXCEPT TABLE r)) d`,
    [customerId, customerId]
  )
  return result.rows
}

/**
 * Rows of ledger_rollup_months that differ from the recomputation from the lines summed over the
 * customer's channels (per project) and over its projects too (project_id -1), both ways.
 */
async function rollupDifferences(customerId: number) {
  const result = await db.rawQuery(
    `WITH s AS (SELECT customer_id, currency,
                       CASE WHEN grouping(project_id) = 1 THEN -1 ELSE project_id END AS project_id,
                       month, sum(net) AS net, sum(received) AS received, sum(applied) AS applied,
                       sum(refunded) AS refunded, sum(adjusted) AS adjusted,
                       sum(net_base) AS net_base, sum(received_base) AS received_base,
                       sum(applied_base) AS applied_base, sum(refunded_base) AS refunded_base,
                       sum(adjusted_base) AS adjusted_base, sum(lines)::bigint AS lines
                  FROM ledger_monthly_recomputed() WHERE customer_id = ?
                 GROUP BY GROUPING SETS ((customer_id, currency, project_id, month),
                                         (customer_id, currency, month))),
          r AS (SELECT s.*, sum(net) OVER w AS closing, sum(net_base) OVER w AS closing_base
                  FROM s WINDOW w AS (PARTITION BY customer_id, currency, project_id ORDER BY month)),
          m AS (SELECT customer_id, currency, project_id, month, net, received, applied, refunded,
                       adjusted, net_base, received_base, applied_base, refunded_base,
                       adjusted_base, lines::bigint, closing, closing_base
                  FROM ledger_rollup_months WHERE customer_id = ?)
     SELECT * FROM ((TABLE r EXCEPT TABLE m) UNION ALL (TABLE m EXCEPT TABLE r)) d`,
    [customerId, customerId]
  )
  return result.rows
}

async function ledgerPages(client: ApiClient, token: string, url: string, limit: number) {
  const pages: any[] = []
  let cursor: string | null = null
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
    const response = await expectStatus(
      getAs(client, token, `${url}${url.includes('?') ? '&' : '?'}${query}`),
      200
    )
    const page: any = response.body()
    pages.push(page)
    cursor = page.nextCursor
  } while (cursor && pages.length < 50)
  return pages
}

test.group('Ledger read path: monthly balances and keyset pages', (group) => {
  let finance: { token: string; user: { id: number } }
  let manager: { token: string }
  let customerId: number
  group.setup(async () => {
    finance = await makeUser('finance')
    manager = await makeUser('finance_manager')
    await db.rawQuery(
      `INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('USD', '2026-05-04', 7.15)
       ON CONFLICT DO NOTHING`
    )
  })

  test('the monthly table equals a recomputation after every kind of posting', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer()
    customerId = customer.id
    const project = await makeProject(customer.id)
    const post = (url: string, body: object) =>
      expectStatus(
        postAs(client, finance.token, url, { customerId, currency: 'CNY', ...body }),
        201
      )
    const receipt = (amount: string, entryDate: string, extra: object = {}) =>
      post(route('receipts.store'), { amount, entryDate, channel: 'bank_transfer', ...extra })
    await receipt('1000.00', '2026-06-03')
    await receipt('250.50', '2026-06-20', { projectId: project.id, channel: 'wechat' })
    await receipt('400.00', '2026-07-02')
    const duplicate = await receipt('99.99', '2026-07-15')
    await post(route('applications.store'), {
      amount: '300.25',
      entryDate: '2026-08-10',
      documentType: 'invoice',
      documentNo: 'FP-E-1',
    })
    await submitAndApprove(
      client,
      finance.token,
      manager.token,
      route('journals.reverse', { id: duplicate.body().id }),
      { reason: '重复登记', entryDate: '2026-08-11' }
    )
    // FX: USD in and part of it out (a base-only 6603 line carries no customer)
    await post(route('receipts.store'), {
      currency: 'USD',
      amount: '100.00',
      entryDate: '2026-06-05',
      channel: 'bank_transfer',
    })
    await post(route('applications.store'), {
      currency: 'USD',
      amount: '40.00',
      entryDate: '2026-09-01',
      documentType: 'invoice',
      documentNo: 'FP-E-2',
    })
    // a kind with no report category (期初余额, as an opening import posts it)
    await db.rawQuery(
      `SELECT ledger_post('opening', ?, NULL, 'CNY', 70.00, '2203', '1002', '2026-07-20',
                          NULL, NULL, NULL, NULL, NULL, 'bench', NULL, NULL, NULL, 0, 'CNY', NULL,
                          ?, 'finance', NULL, NULL, NULL, '[]'::jsonb)`,
      [customerId, finance.user.id]
    )
    // back-dated into an earlier open month: every later closing of the key moves
    await receipt('5.00', '2026-05-30')
    await receipt('7.00', '2026-06-30', { projectId: project.id, channel: 'wechat' })

    assert.deepEqual(await monthlyDifferences(customerId), [])
    assert.deepEqual(await rollupDifferences(customerId), [])
    // the customer level and its projects (one project and "none"), each with months
    const levels = await db.rawQuery(
      'SELECT DISTINCT project_id FROM ledger_rollup_months WHERE customer_id = ? ORDER BY 1',
      [customerId]
    )
    assert.deepEqual(
      levels.rows.map((row: any) => Number(row.project_id)),
      [-1, 0, project.id]
    )
    const months = await db.rawQuery(
      `SELECT to_char(month, 'YYYY-MM') AS month, sum(received) AS received,
              sum(applied) AS applied, sum(net) AS net, sum(lines) AS lines
         FROM ledger_monthly_balances WHERE customer_id = ? AND currency = 'CNY'
        GROUP BY 1 ORDER BY 1`,
      [customerId]
    )
    assert.deepEqual(
      months.rows.map((m: any) => [m.month, m.received, m.applied, m.net, Number(m.lines)]),
      [
        ['2026-05', '5.0000', '0.0000', '5.0000', 1],
        ['2026-06', '1257.5000', '0.0000', '1257.5000', 3],
        // the opening (70.00) is in the net, in no category
        ['2026-07', '499.9900', '0.0000', '569.9900', 3],
        // the reversal counts as a receipt (of its own month): −99.99
        ['2026-08', '-99.9900', '300.2500', '-400.2400', 2],
      ]
    )
  })

  test('keyset pages concatenate to the whole ledger with the same running balance', async ({
    client,
    assert,
  }) => {
    const url = route('customers.ledger', { id: customerId })
    for (const period of ['', '?from=2026-06-10&to=2026-08-10', '?from=2026-07-01']) {
      const wholeResponse = await expectStatus(getAs(client, finance.token, url + period), 200)
      const whole = wholeResponse.body()
      assert.isNull(whole.nextCursor)
      const pages = await ledgerPages(client, finance.token, url + period, 2)
      assert.isAbove(pages.length, 1)
      assert.deepEqual(
        pages.flatMap((p) => p.lines),
        whole.lines
      )
      for (const page of pages) {
        assert.equal(page.openingBalance, whole.openingBalance)
        assert.equal(page.closingBalance, whole.closingBalance)
      }
      const last = whole.lines[whole.lines.length - 1]
      assert.equal(whole.closingBalance, last ? last.runningBalance : whole.openingBalance)
    }
    // the opening of a period equals the lines before it, summed directly
    const direct = await db.rawQuery(
      `SELECT sum(credit - debit) AS s FROM journal_lines
        WHERE customer_id = ? AND currency = 'CNY' AND entry_date < '2026-06-10'`,
      [customerId]
    )
    const juneResponse = await getAs(client, finance.token, `${url}?from=2026-06-10&to=2026-08-10`)
    const june = juneResponse.body()
    assert.equal(june.openingBalance, Number(direct.rows[0].s).toFixed(2))
    assert.equal(june.openingBalance, '1005.00')

    // the CSV export streams every line with the same running balances
    const csv = await getAs(client, finance.token, `${url}?format=csv`)
    csv.assertStatus(200)
    const csvRows = csv
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    const wholeResponse = await getAs(client, finance.token, url)
    const whole = wholeResponse.body()
    assert.equal(csvRows.length, whole.lines.length + 1)
    assert.deepEqual(
      csvRows.slice(1).map((r: string) => r.split(',').at(-1)),
      whole.lines.map((l: any) => l.runningBalance)
    )

    const bad = await getAs(client, finance.token, `${url}?limit=2&cursor=bm9wZQ`)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'cursor')
    assert.equal(bad.body().errors[0].rule, 'invalid_cursor')
  })

  test('the balances report equals the report summed from the lines', async ({ assert }) => {
    const builder = new BalancesReportBuilder()
    const groups: GroupBy[] = ['customer', 'project', 'channel', 'owner', 'period']
    for (const [from, to] of [
      ['2026-06-01', '2026-08-31'],
      ['2026-06-10', '2026-08-10'],
      ['2026-07-15', '2026-07-20'],
      ['2020-01-01', '2026-12-31'],
      // the edges' partial months read from either side (periodBindings): the first month's
      // lines from `from` on join, the last month's up to `to` join; both in one month
      ['2026-06-19', '2026-08-10'],
      ['2026-06-25', '2026-07-28'],
      ['2026-07-01', '2026-07-05'],
      ['2026-06-04', '2026-06-25'],
    ]) {
      for (const groupBy of groups) {
        const report = await builder.build(groupBy, from, to)
        const expected = await linesBalancesReport(groupBy, from, to)
        assert.deepEqual(report.rows, expected, `${groupBy} ${from}…${to}`)
      }
    }
  })
})
