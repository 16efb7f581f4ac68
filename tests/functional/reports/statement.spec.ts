import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { customerWithJune, parseBinaryResponses, pdfText } from '#tests/support/report_fixtures'
import db from '@adonisjs/lucid/services/db'
import { closeSharedRenderer } from '#reports/renderer'
import { amount } from '#reports/document'
import { excelAmountFormat } from '#modules/reports/services/balances_report'
import { LedgerQueries, type LedgerQuery } from '#modules/prepayments/services/ledger_queries'
import { StatementBuilder } from '#modules/reports/services/statement_builder'
import { route } from '#tests/support/route'

const JUNE = 'from=2025-06-01&to=2025-06-30'
parseBinaryResponses()

test.group('Reports: customer statement', (group) => {
  group.teardown(async () => {
    await closeSharedRenderer()
  })

  test('the view model has opening, every movement with running balance, subtotals and closing', async ({
    client,
    assert,
  }) => {
    const { customer, project, journals } = await customerWithJune(client)
    const { token } = await makeUser('finance_manager')
    const response = await expectStatus(
      getAs(client, token, `${route('customers.statement', { id: customer.id })}?${JUNE}`),
      200
    )
    const vm = response.body()
    assert.equal(vm.customer.name, '华东机械测试户')
    assert.lengthOf(vm.sections, 1)
    const cny = vm.sections[0]
    assert.equal(cny.openingBalance, '10000.00')
    assert.equal(cny.closingBalance, '13200.25')
    assert.equal(cny.totalDebit, '3000.25')
    assert.equal(cny.totalCredit, '6200.50')
    assert.deepEqual(
      cny.rows.map((r: any) => [r.date, r.journalNo, r.kind, r.debit, r.credit, r.balance]),
      [
        ['2025-06-03', journals[1].journalNo, 'receipt', '0.00', '5000.50', '15000.50'],
        ['2025-06-10', journals[2].journalNo, 'application', '3000.25', '0.00', '12000.25'],
        ['2025-06-25', journals[3].journalNo, 'receipt', '0.00', '1200.00', '13200.25'],
      ]
    )
    assert.deepEqual(
      cny.projectSubtotals.map((p: any) => [p.projectCode, p.debit, p.credit, p.net]),
      [
        [project.code, '3000.25', '5000.50', '2000.25'],
        [null, '0.00', '1200.00', '1200.00'],
      ]
    )
    assert.equal(vm.ledgerPosition, journals[3].id)
  })

  test('a posting committed while a statement is built is in neither its lines nor its position', async ({
    client,
    assert,
  }) => {
    const { customer, token } = await customerWithJune(client)
    let late: { id: number; journalNo: string } | undefined
    /** Commits a June receipt of the customer between the statement's first reads and its lines. */
    class PostingMeanwhile extends LedgerQueries {
      async ledger(query: LedgerQuery, reader?: Parameters<LedgerQueries['ledger']>[1]) {
        const posted = await postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          amount: '1.00',
          currency: 'CNY',
          channel: 'cash',
          entryDate: '2025-06-28',
        })
        late = posted.body()
        return super.ledger(query, reader)
      }
    }
    const vm = await new StatementBuilder(new PostingMeanwhile()).build(customer.id, {
      from: '2025-06-01',
      to: '2025-06-30',
    })
    assert.isDefined(late?.id)
    assert.isBelow(vm.ledgerPosition, late!.id)
    assert.notInclude(
      vm.sections[0].rows.map((row) => row.journalNo),
      late!.journalNo
    )
    assert.equal(vm.sections[0].closingBalance, '13200.25')
  })

  test('the zh-CN PDF carries searchable Chinese, balances, rows and "第 1 页 / 共 1 页"', async ({
    client,
    assert,
  }) => {
    const { customer, journals } = await customerWithJune(client)
    const { token } = await makeUser('executive')
    const response = await expectStatus(
      getAs(client, token, `${route('customers.statement_pdf', { id: customer.id })}?${JUNE}`),
      200
    )
    assert.equal(response.header('content-type'), 'application/pdf')
    const pdf = Buffer.from(response.body() as any)
    const text = await pdfText(pdf)
    for (const expected of [
      '客户预付款对账单',
      '华东机械测试户',
      customer.code,
      '期初余额',
      '10,000.00',
      '期末余额',
      '13,200.25',
      '15,000.50',
      '12,000.25',
      '3,000.25',
      journals[1].journalNo,
      journals[2].journalNo,
      journals[3].journalNo,
      '微信',
      '支付宝',
      '按项目小计',
      '对账确认',
      '第 1 页 / 共 1 页',
    ])
      assert.include(text, expected)
    // the opening receipt (May) is not a row of June's statement
    assert.notInclude(text, journals[0].journalNo)
  })

  test('the English statement', async ({ client, assert }) => {
    const { customer, token } = await customerWithJune(client)
    const response = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement_pdf', { id: customer.id })}?${JUNE}&locale=en`
      ),
      200
    )
    const text = await pdfText(Buffer.from(response.body() as any))
    for (const expected of [
      'Statement of Customer Advances',
      'Opening balance',
      '10,000.00',
      'Closing balance',
      '13,200.25',
      'WeChat Pay',
      'Page 1 of 1',
    ])
      assert.include(text, expected)
  })

  test('bad input is a 422, sales may not read reports', async ({ client, assert }) => {
    const { customer, token } = await customerWithJune(client)
    const bad = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement_pdf', { id: customer.id })}?from=2025-06-31&to=2025-06-30`
      ),
      422
    )
    assert.equal(bad.body().errors[0].field, 'from')
    const reversed = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement', { id: customer.id })}?from=2025-07-01&to=2025-06-30`
      ),
      422
    )
    assert.equal(reversed.body().errors[0].field, 'to')
    const locale = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement', { id: customer.id })}?${JUNE}&locale=fr`
      ),
      422
    )
    assert.equal(locale.body().errors[0].field, 'locale')
    const sales = await makeUser('sales')
    await expectStatus(
      getAs(client, sales.token, `${route('customers.statement', { id: customer.id })}?${JUNE}`),
      403
    )
    await expectStatus(
      getAs(client, token, `${route('customers.statement', { id: 999999999 })}?${JUNE}`),
      404
    )
  })
})

test.group('Reports: balances API', () => {
  test('groupBy=customer as JSON, CSV and XLSX carry the same exact amounts', async ({
    client,
    assert,
  }) => {
    const { customer } = await customerWithJune(client)
    const { token } = await makeUser('auditor')
    const json = await expectStatus(
      getAs(client, token, `${route('reports.balances')}?groupBy=customer&${JUNE}`),
      200
    )
    const row = json.body().rows.find((r: any) => r.key === customer.code)
    assert.deepEqual(row, {
      key: customer.code,
      label: '华东机械测试户',
      currency: 'CNY',
      opening: '10000.00',
      received: '6200.50',
      applied: '3000.25',
      refunded: '0.00',
      adjusted: '0.00',
      closing: '13200.25',
      closingBase: '13200.25',
    })

    const csv = await expectStatus(
      getAs(client, token, `${route('reports.balances')}?groupBy=customer&${JUNE}&format=csv`),
      200
    )
    assert.include(csv.header('content-type'), 'text/csv')
    assert.include(
      csv.text(),
      `${customer.code},华东机械测试户,CNY,10000.00,6200.50,3000.25,0.00,0.00,13200.25,13200.25`
    )

    const xlsx = await expectStatus(
      getAs(client, token, `${route('reports.balances')}?groupBy=customer&${JUNE}&format=xlsx`),
      200
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body() as any)
    const sheet = workbook.worksheets[0]
    const values: string[] = []
    const formats: string[] = []
    sheet.eachRow((r) => {
      if (r.getCell(1).value !== customer.code) return
      values.push(...[4, 5, 6, 9].map((i) => String(r.getCell(i).value)))
      formats.push(r.getCell(4).numFmt)
    })
    assert.deepEqual(values, ['10000', '6200.5', '3000.25', '13200.25'])
    // Shown with the currency's own decimals (JPY none, KWD three).
    assert.deepEqual(formats, ['#,##0.00'])
    assert.deepEqual(['CNY', 'JPY', 'KWD'].map(excelAmountFormat), [
      '#,##0.00',
      '#,##0',
      '#,##0.000',
    ])
  })

  test('groupBy=period gives month rows whose opening is the previous closing', async ({
    client,
    assert,
  }) => {
    await customerWithJune(client)
    const { token } = await makeUser('executive')
    const response = await expectStatus(
      getAs(
        client,
        token,
        `${route('reports.balances')}?groupBy=period&from=2025-05-01&to=2025-06-30`
      ),
      200
    )
    const cny = response.body().rows.filter((r: any) => r.currency === 'CNY')
    assert.deepEqual(
      cny.map((r: any) => r.key),
      ['2025-05', '2025-06']
    )
    assert.equal(cny[1].opening, cny[0].closing)
    for (const groupBy of ['project', 'channel', 'owner'])
      await expectStatus(
        getAs(client, token, `${route('reports.balances')}?groupBy=${groupBy}&${JUNE}`),
        200
      )
  })

  test('unknown groupBy is a 422; finance may read, sales may not', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const bad = await expectStatus(
      getAs(client, token, `${route('reports.balances')}?groupBy=colour&${JUNE}`),
      422
    )
    assert.equal(bad.body().errors[0].field, 'groupBy')
    const sales = await makeUser('sales')
    await expectStatus(
      getAs(client, sales.token, `${route('reports.balances')}?groupBy=customer&${JUNE}`),
      403
    )
  })
})

test.group('Reports: executive pack', (group) => {
  group.teardown(async () => {
    await closeSharedRenderer()
  })

  test('KPIs reconcile, the PDF shows them with charts, ageing and the missing modules as —', async ({
    client,
    assert,
  }) => {
    await customerWithJune(client)
    const { ExecPackBuilder } = await import('#modules/reports/services/exec_pack_builder')
    const { renderReportPdf } = await import('#modules/reports/services/report_renderer')
    const { Money } = await import('#kernel/money/money')
    const vm = await new ExecPackBuilder().build({ from: '2025-06-01', to: '2025-06-30' })
    const k = vm.kpis
    assert.equal(
      new Money(k.opening)
        .plus(k.received)
        .minus(k.applied)
        .minus(k.refunded)
        .plus(k.adjusted)
        .toFixed(2),
      k.closing
    )
    // the trend covers the 12 months up to June that have movements (no empty months)
    assert.isAtMost(vm.trend.length, 12)
    assert.equal(vm.trend.at(-1)!.month, '2025-06')
    assert.equal(vm.trend.at(-1)!.closing, k.closing)
    assert.deepEqual(
      vm.ageing.map((a) => a.bucket),
      ['0-30', '31-90', '91-180', '180+']
    )
    // the unapplied advances are exactly the positive balances at the end of June, in buckets
    const positive = await db.rawQuery(
      `SELECT coalesce(sum(b), 0) AS total FROM (SELECT sum(base_credit - base_debit) AS b FROM journal_lines
        WHERE customer_id IS NOT NULL AND entry_date <= '2025-06-30' GROUP BY customer_id, currency) s WHERE b > 0`
    )
    assert.equal(
      vm.ageing.reduce((sum, a) => sum.plus(a.amount), new Money(0)).toFixed(2),
      new Money(positive.rows[0].total).toFixed(2)
    )
    const text = await pdfText(await renderReportPdf(vm))
    for (const expected of ['预收款管理月报', '期末余额', '未核销预收款账龄', '第 1 页 / 共'])
      assert.include(text, expected)
    assert.include(text, amount(k.closing))
    const pending = await db
      .from('approval_requests')
      .where('status', 'pending')
      .count('* as n')
      .first()
    assert.equal(vm.pendingApprovals.total, Number(pending.n))
    assert.include(text, '待审批事项')
  })

  test('ageing allocates each balance to its newest inflows, FIFO, in days to the period end', async ({
    client,
    assert,
  }) => {
    // A quarter long ago, so only these customers' lines are in it.
    const { token } = await makeUser('finance')
    const post = (path: string, body: object) =>
      expectStatus(postAs(client, token, path, { currency: 'CNY', ...body }), 201)
    const a = await makeCustomer()
    await post(route('receipts.store'), {
      customerId: a.id,
      amount: '200.00',
      channel: 'cash',
      entryDate: '2001-01-15',
    })
    await post(route('receipts.store'), {
      customerId: a.id,
      amount: '300.00',
      channel: 'cash',
      entryDate: '2001-03-20',
    })
    await post(route('applications.store'), {
      customerId: a.id,
      amount: '50.00',
      documentType: 'invoice',
      documentNo: 'AGE-1',
      entryDate: '2001-03-25',
    })
    const b = await makeCustomer()
    await post(route('receipts.store'), {
      customerId: b.id,
      amount: '80.00',
      channel: 'cash',
      entryDate: '2000-06-01',
    })
    const c = await makeCustomer()
    await post(route('receipts.store'), {
      customerId: c.id,
      amount: '10.00',
      channel: 'cash',
      entryDate: '2000-12-01',
    })
    await post(route('applications.store'), {
      customerId: c.id,
      amount: '10.00',
      documentType: 'invoice',
      documentNo: 'AGE-2',
      entryDate: '2000-12-02',
    })
    const { ExecPackBuilder } = await import('#modules/reports/services/exec_pack_builder')
    const vm = await new ExecPackBuilder().build({ from: '2001-01-01', to: '2001-03-31' })
    // a: 450 = the newest 300 (11 days) + 150 of the 200 (75 days); b: 80 (303 days); c: nothing left
    assert.deepEqual(vm.ageing, [
      { bucket: '0-30', amount: '300.00' },
      { bucket: '31-90', amount: '150.00' },
      { bucket: '91-180', amount: '0.00' },
      { bucket: '180+', amount: '80.00' },
    ])
  })
})
