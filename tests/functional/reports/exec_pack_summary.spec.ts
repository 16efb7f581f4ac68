import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { pdfText } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'
import { closeSharedRenderer } from '#reports/renderer'
import { ExecPackBuilder } from '#modules/reports/services/exec_pack_builder'
import { renderReportPdf } from '#modules/reports/services/report_renderer'
import { displayMoney } from '#modules/alerts/messages'
import { Money } from '#kernel/money/money'

const MAY = { from: '2013-05-01', to: '2013-05-31' }

/** Receipts (base amounts, reversals counted as what they reverse) of customers in a period. */
async function received(from: string, to: string): Promise<Money> {
  const result = await db.rawQuery(
    `SELECT coalesce(sum(l.base_credit - l.base_debit), 0) AS total
       FROM journal_lines l JOIN journals j ON j.id = l.journal_id
       LEFT JOIN journals o ON o.id = j.reverses_journal_id
      WHERE l.customer_id IS NOT NULL AND coalesce(o.kind, j.kind) = 'receipt'
        AND l.entry_date BETWEEN ? AND ?`,
    [from, to]
  )
  return new Money(result.rows[0].total)
}

test.group('Executive pack that reads like a CFO page', (group) => {
  group.teardown(async () => {
    await closeSharedRenderer()
  })

  test('month-on-month changes and the summary sentence are the figures of the data', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await db
      .from('customers')
      .where('id', customer.id)
      .update({ name: '预警线测试客户', low_balance_threshold: '5000' })
    for (const [amount, entryDate] of [
      ['1000.00', '2013-04-10'],
      ['1120.00', '2013-05-10'],
    ]) {
      await expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          currency: 'CNY',
          amount,
          channel: 'bank_transfer',
          entryDate,
        }),
        201
      )
    }
    const vm = await new ExecPackBuilder().build(MAY, 'zh-CN')
    assert.deepEqual(vm.previous.period, { from: '2013-04-01', to: '2013-04-30' })

    const now = await received(MAY.from, MAY.to)
    const before = await received('2013-04-01', '2013-04-30')
    assert.equal(vm.kpis.received, now.toFixed(2))
    assert.equal(vm.previous.kpis.received, before.toFixed(2))
    const pct = now.minus(before).div(before).times(100).toDecimalPlaces(0).toNumber()
    assert.equal(vm.previous.changes.received, pct)

    const [movements, below] = vm.summary
    assert.include(movements, `本期收款 ${displayMoney(now.toFixed(2), 'CNY')}`)
    assert.include(movements, pct > 0 ? `增长 ${pct}%` : pct < 0 ? `下降 ${-pct}%` : '持平')
    assert.include(movements, `期末预收款余额 ${displayMoney(vm.kpis.closing, 'CNY')}`)

    // customers under their threshold at the period's end, counted by SQL apart from the builder
    const under = await db.rawQuery(
      `SELECT c.name FROM customers c
         LEFT JOIN journal_lines l ON l.customer_id = c.id AND l.currency = c.default_currency
                                  AND l.entry_date <= ?
        WHERE c.status = 'active' AND c.low_balance_threshold IS NOT NULL
        GROUP BY c.id HAVING coalesce(sum(l.credit - l.debit), 0) < c.low_balance_threshold`,
      [MAY.to]
    )
    assert.equal(vm.belowThreshold.length, under.rows.length)
    assert.include(below, `${under.rows.length} 家客户低于预警线`)
    assert.include(
      vm.belowThreshold.map((c) => c.name),
      '预警线测试客户'
    )
    const pending = await db.from('approval_requests').where('status', 'pending').count('* as n')
    const approvals = vm.summary.find((s) => s.startsWith('待审批'))
    if (Number(pending[0].n)) assert.include(approvals!, `待审批 ${pending[0].n} 笔`)

    // trend only over months with movements
    for (const point of vm.trend) {
      const lines = await db.rawQuery(
        `SELECT count(*) AS n FROM journal_lines WHERE customer_id IS NOT NULL
            AND to_char(entry_date, 'YYYY-MM') = ?`,
        [point.month]
      )
      assert.isAbove(Number(lines.rows[0].n), 0)
    }
    assert.includeMembers(
      vm.trend.map((p) => p.month),
      ['2013-04', '2013-05']
    )

    const english = await new ExecPackBuilder().build(MAY, 'en')
    assert.include(english.summary[0], `Receipts ${displayMoney(now.toFixed(2), 'CNY')}`)
    if (pct > 0) assert.include(english.summary[0], `up ${pct}%`)

    const printed = await pdfText(await renderReportPdf(vm))
    const text = printed.replace(/\s+/g, '')
    assert.include(text, movements.replace(/\s+/g, ''))
    assert.include(text, '环比')
    assert.notInclude(text, '账簿位置')
  }).timeout(120_000)
})
