import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'

/*
| 期末汇兑重估 (issue 19): open foreign advances revalued at the period-end rate as a reversing pair
| (last day / next period's first day) against 6603. The USD rates and periods 2002-04…2002-07 are
| this file's own.
*/

const RATES = [
  ['2002-04-01', '7.00'],
  ['2002-04-20', '7.20'],
  ['2002-04-30', '7.2531'],
  ['2002-05-10', '7.30'],
]

async function linesOf(journalId: number) {
  const rows = await db.from('journal_lines').where('journal_id', journalId).orderBy('line_no')
  return rows.map((l: any) => [
    l.account_code,
    l.customer_id === null ? null : Number(l.customer_id),
    String(l.debit),
    String(l.credit),
    String(l.base_debit),
    String(l.base_credit),
    l.entry_date instanceof Date ? l.entry_date.toISOString().slice(0, 10) : String(l.entry_date),
  ])
}

async function baseHeld(customerId: number) {
  const row = await db
    .from('journal_lines')
    .where({ customer_id: customerId, currency: 'USD', account_code: '2203' })
    .sum({ base: db.raw('base_credit - base_debit') })
    .first()
  return String(row.base ?? '0')
}

test.group('FX: month-end revaluation', (group) => {
  let finance: { token: string }
  let manager: { token: string }
  group.setup(async () => {
    finance = await makeUser('finance')
    manager = await makeUser('finance_manager')
    for (const [day, rate] of RATES) {
      await db.rawQuery(
        `INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('USD', ?, ?)
         ON CONFLICT DO NOTHING`,
        [day, rate]
      )
    }
  })

  const post = async (client: ApiClient, url: string, body: object) => {
    const response = await expectStatus(postAs(client, finance.token, url, body), 201)
    return response.body()
  }
  const receipt = (client: ApiClient, customerId: number, amount: string, entryDate: string) =>
    post(client, route('receipts.store'), {
      customerId,
      currency: 'USD',
      amount,
      channel: 'bank_transfer',
      entryDate,
    })

  test('revalues open USD advances exactly, reverses next day, once per period; ledger:check holds', async ({
    client,
    assert,
  }) => {
    const open = await makeCustomer({ defaultCurrency: 'USD' })
    await receipt(client, open.id, '100.00', '2002-04-02') // ¥700.00
    await receipt(client, open.id, '50.00', '2002-04-21') // ¥360.00, held ¥1,060.00
    // zero USD at the period's end: nothing to revalue
    const settled = await makeCustomer({ defaultCurrency: 'USD' })
    await receipt(client, settled.id, '10.00', '2002-04-02')
    await post(client, route('applications.store'), {
      customerId: settled.id,
      currency: 'USD',
      amount: '10.00',
      documentType: 'invoice',
      documentNo: 'RV-1',
      entryDate: '2002-04-25',
    })

    const url = route('periods.revaluation.store', { period: '2002-04' })
    const first = await expectStatus(postAs(client, finance.token, url, {}), 201)
    const run = first.body()
    assert.equal(run.rateDate, '2002-04-30')
    const mine = run.entries.filter((e: any) => [open.id, settled.id].includes(e.customerId))
    // 150 × 7.2531 = 1087.965 → ¥1,087.97 (half-up, once); held 1,060.00: a loss of ¥27.97
    assert.deepEqual(mine, [
      {
        customerId: open.id,
        customerCode: open.code,
        currency: 'USD',
        balance: '150.00',
        heldBase: '1060.00',
        rate: '7.2531',
        revaluedBase: '1087.97',
        gain: '-27.97',
        journalId: mine[0].journalId,
        reversalJournalId: mine[0].reversalJournalId,
      },
    ])
    assert.deepEqual(await linesOf(mine[0].journalId), [
      ['2203', open.id, '0.0000', '0.0000', '0.0000', '27.9700', '2002-04-30'],
      ['6603', null, '0.0000', '0.0000', '27.9700', '0.0000', '2002-04-30'],
    ])
    assert.deepEqual(await linesOf(mine[0].reversalJournalId), [
      ['2203', open.id, '0.0000', '0.0000', '27.9700', '0.0000', '2002-05-01'],
      ['6603', null, '0.0000', '0.0000', '0.0000', '27.9700', '2002-05-01'],
    ])
    const reversal = await db.from('journals').where('id', mine[0].reversalJournalId).first()
    assert.equal(reversal.kind, 'reversal')
    assert.equal(Number(reversal.reverses_journal_id), mine[0].journalId)
    // the pair nets out: the weighted average still holds ¥1,060.00
    assert.equal(await baseHeld(open.id), '1060.0000')

    // once per period: a second run answers the first and posts nothing
    const journals = await db.from('journals').where('kind', 'revaluation').count('* as n')
    const again = await expectStatus(postAs(client, manager.token, url, {}), 200)
    assert.deepEqual(again.body(), run)
    const after = await db.from('journals').where('kind', 'revaluation').count('* as n')
    assert.equal(after[0].n, journals[0].n)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'fx_revaluation', entity_id: '2002-04' })
    assert.lengthOf(audit, 1)
    const shown = await expectStatus(
      getAs(client, finance.token, route('periods.revaluation.show', { period: '2002-04' })),
      200
    )
    assert.deepEqual(shown.body(), run)

    // the customer's USD ledger (and so its statement) lists what moved USD: not the base-only pair
    const ledger = await expectStatus(
      getAs(client, finance.token, route('customers.ledger', { id: open.id }, { currency: 'USD' })),
      200
    )
    assert.deepEqual(
      ledger.body().lines.map((l: any) => [l.kind, l.credit, l.runningBalance]),
      [
        ['receipt', '100.00', '100.00'],
        ['receipt', '50.00', '150.00'],
      ]
    )

    // the FX report: unrealised in April, undone in May; realised stays the postings' own
    const report = await expectStatus(
      getAs(
        client,
        finance.token,
        route('reports.fx', {}, { from: '2002-04-01', to: '2002-05-31', groupBy: 'customer' })
      ),
      200
    )
    const row = report.body().rows.find((r: any) => r.key === open.code)
    assert.equal(row.unrealised, '0.00')
    assert.equal(row.gain, '0.00')
    const april = await expectStatus(
      getAs(
        client,
        finance.token,
        route('reports.fx', {}, { from: '2002-04-01', to: '2002-04-30', groupBy: 'customer' })
      ),
      200
    )
    const aprilRow = april.body().rows.find((r: any) => r.key === open.code)
    assert.equal(aprilRow.unrealised, '-27.97')

    // applied in full in May at 7.30: relieves the historical ¥1,060.00 (not the revalued base)
    const applied = await post(client, route('applications.store'), {
      customerId: open.id,
      currency: 'USD',
      amount: '150.00',
      documentType: 'invoice',
      documentNo: 'RV-2',
      entryDate: '2002-05-11',
    })
    assert.equal(applied.baseAmount, '-1095.00')
    assert.equal(applied.fxGain, '-35.00')
    assert.equal(await baseHeld(open.id), '0.0000')
    const check = await new LedgerQueries().verifyBalances()
    assert.deepEqual(check.baseResidues, [])
    assert.deepEqual(check.unbalancedJournals, [])
  })

  test('refused in a closed period (its own or the next, where the reversal goes)', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer({ defaultCurrency: 'USD' })
    await receipt(client, customer.id, '20.00', '2002-05-12')
    await expectStatus(
      postAs(client, manager.token, route('periods.close', { period: '2002-07' }), {}),
      200
    )
    for (const period of ['2002-07', '2002-06']) {
      const refused = await postAs(
        client,
        finance.token,
        route('periods.revaluation.store', { period }),
        {}
      )
      refused.assertStatus(409)
      assert.equal(refused.body().errors[0].rule, 'period_closed')
      assert.equal(refused.body().errors[0].field, 'period')
    }
    const runs = await db.from('fx_revaluation_runs').whereIn('period', ['2002-06', '2002-07'])
    assert.lengthOf(runs, 0)
    // not before the period's last day
    const early = await postAs(
      client,
      finance.token,
      route('periods.revaluation.store', { period: '2999-01' }),
      {}
    )
    early.assertStatus(422)
    assert.equal(early.body().errors[0].field, 'period')
    // sales may not run it
    const sales = await makeUser('sales')
    const forbidden = await postAs(
      client,
      sales.token,
      route('periods.revaluation.store', { period: '2002-05' }),
      {}
    )
    forbidden.assertStatus(403)
  })
})
