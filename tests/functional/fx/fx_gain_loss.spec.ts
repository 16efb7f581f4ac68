import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import { ExecPackBuilder } from '#modules/reports/services/exec_pack_builder'
import { renderReportPdf } from '#modules/reports/services/report_renderer'
import { closeSharedRenderer } from '#reports/renderer'
import { pdfText } from '#tests/support/report_fixtures'
import { writeFile } from 'node:fs/promises'

/*
| 汇兑损益 (issue 19, docs/domain.md "Foreign currency"): a foreign advance is relieved at its
| weighted-average historical base; the difference against the day's rate is a third line on 6603.
| The rates are the only USD rates in 2023-07 of the test database.
*/

async function rates(client: ApiClient, token: string) {
  for (const [rateDate, rate] of [
    ['2023-07-03', '7.10'],
    ['2023-07-10', '7.30'],
    ['2023-07-17', '7.20'],
  ]) {
    await expectStatus(
      postAs(client, token, '/api/v1/exchange-rates', { currency: 'USD', rateDate, rate }),
      201
    )
  }
}

/** The base the customer's advances hold in USD (sum of its lines on 2203). */
async function baseHeld(customerId: number) {
  const row = await db
    .from('journal_lines')
    .where({ customer_id: customerId, currency: 'USD', account_code: '2203' })
    .sum({ base: db.raw('base_credit - base_debit') })
    .first()
  return String(row.base ?? '0')
}

const lineFacts = (lines: any[]) =>
  lines.map((l) => [l.accountCode, l.debit, l.credit, l.baseDebit, l.baseCredit])

test.group('FX: exchange difference on foreign advances', (group) => {
  let finance: { token: string }
  let manager: { token: string }
  group.setup(async () => {
    finance = await makeUser('finance')
    manager = await makeUser('finance_manager')
  })
  group.teardown(async () => {
    await closeSharedRenderer()
  })

  test('USD received at 7.10 and applied at 7.30: zero USD leaves zero CNY, ¥20 loss on 6603', async ({
    client,
    assert,
  }) => {
    await rates(client, manager.token)
    const customer = await makeCustomer({ defaultCurrency: 'USD' })
    const project = await makeProject(customer.id, 'USD')
    const base = { customerId: customer.id, projectId: project.id, currency: 'USD' }
    const receipt = await expectStatus(
      postAs(client, finance.token, '/api/v1/receipts', {
        ...base,
        amount: '100.00',
        channel: 'bank_transfer',
        entryDate: '2023-07-04',
      }),
      201
    )
    assert.equal(receipt.body().fxGain, '0.00')
    assert.lengthOf(receipt.body().lines, 2)

    const application = await expectStatus(
      postAs(client, finance.token, '/api/v1/applications', {
        ...base,
        amount: '100.00',
        documentType: 'invoice',
        documentNo: 'FX-INV-1',
        entryDate: '2023-07-11',
      }),
      201
    )
    const view = application.body()
    assert.equal(view.baseAmount, '-730.00')
    assert.equal(view.fxGain, '-20.00')
    assert.deepEqual(lineFacts(view.lines), [
      ['1122', '0.00', '100.00', '0.00', '730.00'],
      ['2203', '100.00', '0.00', '710.00', '0.00'],
      ['6603', '0.00', '0.00', '20.00', '0.00'],
    ])
    assert.equal(view.balanceAfter.balance, '0.00')
    assert.equal(await baseHeld(customer.id), '0.0000')

    // the rows in the database say the same; the journal balances in USD and in CNY
    const lines = await db.from('journal_lines').where('journal_id', view.id).orderBy('line_no')
    assert.deepEqual(
      lines.map((l) => [
        l.account_code,
        l.customer_id,
        String(l.base_debit),
        String(l.base_credit),
      ]),
      [
        ['1122', null, '0.0000', '730.0000'],
        ['2203', customer.id, '710.0000', '0.0000'],
        ['6603', null, '20.0000', '0.0000'],
      ]
    )

    // 红冲 of the application gives back exactly what it took: 710 to 2203, the loss undone
    const { result } = await submitAndApprove(
      client,
      finance.token,
      manager.token,
      `/api/v1/journals/${view.id}/reverse`,
      { reason: 'wrong invoice', entryDate: '2023-07-18' }
    )
    assert.equal(result.fxGain, '20.00')
    assert.deepEqual(lineFacts(result.lines), [
      ['1122', '100.00', '0.00', '730.00', '0.00'],
      ['2203', '0.00', '100.00', '0.00', '710.00'],
      ['6603', '0.00', '0.00', '0.00', '20.00'],
    ])
    assert.equal(await baseHeld(customer.id), '710.0000')
  })

  test('two receipts are relieved at their weighted average; the last relief takes all that is left', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer({ defaultCurrency: 'USD' })
    const post = async (url: string, body: object) => {
      const answer = postAs(client, finance.token, url, {
        customerId: customer.id,
        currency: 'USD',
        ...body,
      })
      const response = await expectStatus(answer, 201)
      return response.body()
    }
    await post('/api/v1/receipts', {
      amount: '100.00',
      channel: 'bank_transfer',
      entryDate: '2023-07-05',
    })
    await post('/api/v1/receipts', {
      amount: '200.00',
      channel: 'bank_transfer',
      entryDate: '2023-07-12',
    })
    // held: 710 + 1460 = 2170 for 300 USD; a refund of a third relieves 723.33 and pays 720.00
    const { result: first } = await submitAndApprove(
      client,
      finance.token,
      manager.token,
      '/api/v1/refunds',
      { customerId: customer.id, currency: 'USD', amount: '100.00', entryDate: '2023-07-17' }
    )
    assert.equal(first.fxGain, '3.33')
    assert.equal(await baseHeld(customer.id), '1446.6700')
    const rest = await post('/api/v1/applications', {
      amount: '200.00',
      documentType: 'order',
      documentNo: 'FX-ORD-1',
      entryDate: '2023-07-18',
    })
    // all of the 1446.67 left goes, settling 200 × 7.20 = 1440.00: a gain of 6.67
    assert.equal(rest.fxGain, '6.67')
    assert.equal(rest.balanceAfter.balance, '0.00')
    assert.equal(await baseHeld(customer.id), '0.0000')
    const report = await new LedgerQueries().verifyBalances()
    assert.deepEqual(report.baseResidues, [])
  })

  test('the database refuses a journal that leaves a zero USD balance with a CNY residue', async ({
    assert,
  }) => {
    const { user } = await makeUser('finance')
    const customer = await makeCustomer({ defaultCurrency: 'USD' })
    const write = (effect: string, base: string, counter: string) =>
      db.transaction(async (trx) => {
        const [journal] = await trx
          .table('journals')
          .insert({
            journal_no: `FXT${customer.id}${effect}`,
            kind: 'adjustment',
            customer_id: customer.id,
            currency: 'USD',
            amount: effect,
            exchange_rate: '7.1',
            base_amount: base,
            entry_date: '2023-07-20',
            reason: 'hand-written',
            created_by: user.id,
          })
          .returning('id')
        const grows = !effect.startsWith('-')
        const amount = effect.replace('-', '')
        const side = (debit: boolean, value: string) => (debit ? [value, '0'] : ['0', value])
        const [cd, cc] = side(grows, amount)
        const [cbd, cbc] = side(grows, base)
        const row = (
          lineNo: number,
          account: string,
          customerId: number | null,
          d: string[],
          b: string[]
        ) => ({
          journal_id: journal.id,
          line_no: lineNo,
          account_code: account,
          customer_id: customerId,
          currency: 'USD',
          debit: d[0],
          credit: d[1],
          base_debit: b[0],
          base_credit: b[1],
          entry_date: '2023-07-20',
        })
        await trx
          .table('journal_lines')
          .multiInsert([
            row(1, counter, null, [cd, cc], [cbd, cbc]),
            row(2, '2203', customer.id, [cc, cd], [cbc, cbd]),
          ])
        await trx.rawQuery(
          `INSERT INTO customer_balances (customer_id, currency, balance) VALUES (?, 'USD', ?)
           ON CONFLICT (customer_id, currency)
           DO UPDATE SET balance = customer_balances.balance + EXCLUDED.balance`,
          [customer.id, effect]
        )
        // the guard is deferred to commit: fire it here, where its error reaches the caller
        await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
      })
    await write('100', '710', '6711')
    try {
      await write('-100', '730', '6711')
      assert.fail('the residue was committed')
    } catch (error) {
      assert.equal((error as { code?: string }).code, 'ALF01', String(error))
    }
    assert.equal(await baseHeld(customer.id), '710.0000')
  })

  test('GET /api/v1/reports/fx: realised gain/loss of the postings above, per period and project', async ({
    client,
    assert,
  }) => {
    const report = async (query: string) =>
      getAs(client, manager.token, `/api/v1/reports/fx?from=2023-07-01&to=2023-07-31&${query}`)
    const byPeriod = await report('groupBy=period')
    byPeriod.assertStatus(200)
    // −20 and +20 (the application and its 红冲), +3.33 and +6.67
    assert.deepEqual(byPeriod.body().rows, [
      { key: '2023-07', label: '2023-07', currency: 'USD', gain: '10.00', unrealised: '0.00' },
    ])
    assert.equal(byPeriod.body().total, '10.00')
    assert.equal(byPeriod.body().baseCurrency, 'CNY')
    const byProject = await report('groupBy=project')
    // the application and its 红冲 carried the project; the second customer's movements none
    assert.deepEqual(
      byProject.body().rows.map((r: any) => [r.key === '-' ? '-' : 'project', r.gain]),
      [
        ['-', '10.00'],
        ['project', '0.00'],
      ]
    )
    const june = await getAs(
      client,
      manager.token,
      '/api/v1/reports/fx?from=2023-06-01&to=2023-06-30'
    )
    assert.deepEqual(june.body().rows, [])
    assert.equal(june.body().total, '0.00')

    const wrong = await report('groupBy=owner')
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'groupBy')
    const sales = await makeUser('sales')
    const refused = await getAs(
      client,
      sales.token,
      '/api/v1/reports/fx?from=2023-07-01&to=2023-07-31'
    )
    refused.assertStatus(403)
  })

  test("the executive pack shows the period's realised gain/loss, in zh-CN and English", async ({
    assert,
  }) => {
    const period = { from: '2023-07-01', to: '2023-07-31' }
    const zh = await new ExecPackBuilder().build(period)
    assert.equal(zh.fxGain, '10.00')
    const zhPdf = await renderReportPdf(zh)
    const en = await new ExecPackBuilder().build(period, 'en')
    const enPdf = await renderReportPdf(en)
    if (process.env.FX_PDF_DIR) {
      await writeFile(`${process.env.FX_PDF_DIR}/exec_pack_zh.pdf`, zhPdf)
      await writeFile(`${process.env.FX_PDF_DIR}/exec_pack_en.pdf`, enPdf)
    }
    const zhText = await pdfText(zhPdf)
    assert.match(zhText, /汇兑损益\s+10\.00/)
    assert.match(await pdfText(enPdf), /FX gain\/loss\s+10\.00/)
  })
})
