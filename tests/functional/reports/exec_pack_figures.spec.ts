import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'
import { ExecPackBuilder } from '#modules/reports/services/exec_pack_builder'
import { LINES_FROM, movementColumns } from '#modules/reports/services/report_sql'
import { Money, formatAmount } from '#kernel/money/money'

/*
| Issue 20: the executive pack reads the monthly closing balances, not every line since the
| beginning. Its figures must stay those of the lines: checked here against the line-by-line SQL
| the pack used before, for a period that starts and ends mid-month with movements on both sides
| of each end, every category (a refund and an adjustment through approval, a reversal) and a
| project.
*/

async function postOrApprove(
  client: ApiClient,
  finance: string,
  manager: string,
  url: string,
  body: object
) {
  const response = await postAs(client, finance, url, body)
  if (response.status() === 201) return response
  response.assertStatus(202)
  return expectStatus(
    postAs(client, manager, route('approvals.approve', { id: response.body().id }), {
      comment: 'ok',
    }),
    200
  )
}

const fmt = (value: string) => formatAmount(value, 'CNY')

test.group('Reports: executive pack figures from the monthly balances', () => {
  test('KPIs, top customers and projects, trend and below-threshold equal the lines', async ({
    client,
    assert,
  }) => {
    const { token: finance } = await makeUser('finance')
    const { token: manager } = await makeUser('finance_manager')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const post = (url: string, body: object) =>
      postOrApprove(client, finance, manager, url, {
        customerId: customer.id,
        currency: 'CNY',
        ...body,
      })
    const receipt = (amount: string, entryDate: string, extra: object = {}) =>
      post(route('receipts.store'), { amount, entryDate, channel: 'bank_transfer', ...extra })
    await receipt('1000.00', '1998-11-20')
    await receipt('400.00', '1999-01-05') // in from's month, before from
    await receipt('250.50', '1999-01-20', { projectId: project.id })
    const duplicate = await receipt('99.99', '1999-02-03')
    await post(route('applications.store'), {
      amount: '300.25',
      entryDate: '1999-02-10',
      documentType: 'invoice',
      documentNo: 'FP-PACK-1',
      projectId: project.id,
    })
    await post(route('refunds.store'), {
      amount: '120.00',
      entryDate: '1999-02-12',
      reason: '退款',
    })
    await post(route('adjustments.store'), {
      amount: '-3.50',
      entryDate: '1999-02-14',
      reason: '尾差',
    })
    await post(route('journals.reverse', { id: duplicate.body().id }), {
      reason: '重复登记',
      entryDate: '1999-02-15',
    })
    await receipt('77.00', '1999-02-25') // in to's month, after to
    // and nothing left afterwards: later reports (other tests' periods) see no balance of ours
    await post(route('applications.store'), {
      amount: '1303.75',
      entryDate: '1999-03-10',
      documentType: 'invoice',
      documentNo: 'FP-PACK-2',
    })
    await db
      .from('customers')
      .where('id', customer.id)
      .update({ low_balance_threshold: '5000.00', status: 'active' })

    const period = { from: '1999-01-10', to: '1999-02-20' }
    const vm = await new ExecPackBuilder().build(period)

    const lines = async (p: { from: string; to: string }) => {
      const result = await db.rawQuery(
        `SELECT ${movementColumns('l.base_credit', 'l.base_debit')} ${LINES_FROM}`,
        p
      )
      return result.rows[0]
    }
    const expected = await lines(period)
    for (const key of ['opening', 'received', 'applied', 'refunded', 'adjusted', 'closing'])
      assert.equal(vm.kpis[key as keyof typeof vm.kpis], fmt(expected[key]), key)
    // this customer's own movements are in them: 120.00 refunded, −3.50 adjusted at least
    assert.isTrue(new Money(expected.refunded).gte(120))
    const before = await lines(vm.previous.period)
    assert.equal(vm.previous.kpis.closing, fmt(before.closing))
    assert.equal(vm.previous.kpis.received, fmt(before.received))

    const customers = await db.rawQuery(
      `SELECT c.code, sum(l.base_credit - l.base_debit) AS amount
         FROM journal_lines l JOIN customers c ON c.id = l.customer_id
        WHERE l.entry_date <= :to GROUP BY c.code ORDER BY amount DESC, c.code LIMIT 10`,
      period
    )
    assert.deepEqual(
      vm.topCustomers.map((c) => [c.code, c.amount]),
      customers.rows.map((c: any) => [c.code, fmt(c.amount)])
    )
    const projects = await db.rawQuery(
      `SELECT p.code, sum(l.base_credit - l.base_debit) AS amount
         FROM journal_lines l LEFT JOIN projects p ON p.id = l.project_id
        WHERE l.customer_id IS NOT NULL AND l.entry_date <= :to
        GROUP BY p.code ORDER BY amount DESC, p.code NULLS LAST LIMIT 10`,
      period
    )
    assert.deepEqual(
      vm.byProject.map((p) => [p.code, p.amount]),
      projects.rows.map((p: any) => [p.code, fmt(p.amount)])
    )

    // the trend's last month ends at `to`: February without the receipt of the 25th
    const february = vm.trend.find((m) => m.month === '1999-02')!
    const feb = await lines({ from: '1999-02-01', to: period.to })
    assert.equal(february.received, fmt(feb.received))
    assert.equal(february.refunded, fmt(feb.refunded))
    assert.equal(february.closing, fmt(expected.closing))

    // 1000 + 400 + 250.50 − 300.25 − 120 − 3.50 (the duplicate reversed) = 1226.75 < 5000
    const below = vm.belowThreshold.find((b) => b.code === customer.code)
    assert.deepEqual(below, {
      code: customer.code,
      name: below!.name,
      currency: 'CNY',
      balance: '1226.75',
      threshold: '5000.00',
    })
  }).timeout(60_000)
})
