import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { route } from '#tests/support/route'

/** docs/domain.md "A month in a small manufacturer", replayed through the API with its numbers. */
test.group('Ledger: the worked month of 华东机械', () => {
  test('receipts, application, duplicate, reversal and refund give ¥180,000', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const base = { customerId: customer.id, projectId: project.id, currency: 'CNY' }

    const receipt = await postAs(client, token, route('receipts.store'), {
      ...base,
      amount: '380000.00',
      channel: 'bank_transfer',
      bankReference: 'ICBC-WM-0001',
      entryDate: '2026-11-01',
    })
    receipt.assertStatus(201)
    assert.equal(receipt.body().balanceAfter.balance, '380000.00')
    assert.deepEqual(
      receipt.body().lines.map((l: any) => [l.accountCode, l.debit, l.credit]),
      [
        ['1002', '380000.00', '0.00'],
        ['2203', '0.00', '380000.00'],
      ]
    )

    const application = await postAs(client, token, route('applications.store'), {
      ...base,
      amount: '150000.00',
      documentType: 'invoice',
      documentNo: 'FP-0001',
      entryDate: '2026-11-05',
    })
    application.assertStatus(201)
    assert.equal(application.body().balanceAfter.balance, '230000.00')

    // 9 Nov: the same bank reference again is caught.
    const duplicate = await postAs(client, token, route('receipts.store'), {
      ...base,
      amount: '380000.00',
      channel: 'bank_transfer',
      bankReference: 'ICBC-WM-0001',
      entryDate: '2026-11-09',
    })
    duplicate.assertStatus(409)
    assert.equal(duplicate.body().errors[0].rule, 'duplicate_receipt')
    assert.equal(duplicate.body().errors[0].field, 'bankReference')

    // …and one registered without a reference is reversed by 红冲; the original stays.
    const unnoticed = await postAs(client, token, route('receipts.store'), {
      ...base,
      amount: '380000.00',
      channel: 'bank_transfer',
      entryDate: '2026-11-09',
    })
    unnoticed.assertStatus(201)
    const { result: reversal } = await submitAndApprove(
      client,
      token,
      manager.token,
      route('journals.reverse', { id: unnoticed.body().id }),
      { reason: '重复登记', entryDate: '2026-11-09' }
    )
    assert.equal(reversal.kind, 'reversal')
    assert.equal(reversal.balanceEffect, '-380000.00')
    assert.equal(reversal.reversesJournalId, unnoticed.body().id)
    assert.equal(reversal.balanceAfter.balance, '230000.00')
    const original = await db.from('journals').where('id', unnoticed.body().id).first()
    assert.equal(original.amount, '380000.0000')

    // 20 Nov: a clerk requests a refund: the available balance drops at once, the balance does not.
    const request = await expectStatus(
      postAs(client, token, route('refunds.store'), {
        ...base,
        amount: '50000.00',
        reason: '客户申请退款',
        entryDate: '2026-11-20',
      }),
      202
    )
    assert.equal(request.body().status, 'pending')
    const waiting = await balanceOf(client, token, customer.id)
    assert.equal(waiting!.balance, '230000.00')
    assert.equal(waiting!.pending, '50000.00')
    assert.equal(waiting!.available, '180000.00')
    // The clerk cannot approve it; the finance manager does, and the refund posts.
    await expectStatus(
      postAs(client, token, route('approvals.approve', { id: request.body().id }), {}),
      403
    )
    const approved = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: request.body().id }), {}),
      200
    )
    assert.equal(approved.body().approval.status, 'approved')
    assert.equal(approved.body().result.kind, 'refund')
    assert.equal(approved.body().result.approvalId, request.body().id)
    assert.equal(approved.body().result.balanceAfter.balance, '180000.00')

    const balance = await balanceOf(client, token, customer.id)
    assert.deepEqual(balance, {
      currency: 'CNY',
      balance: '180000.00',
      pending: '0.00',
      available: '180000.00',
      creditLimit: '0.00',
      unconfirmed: '0.00',
      confirmed: '180000.00',
    } as any)

    const ledger = await getAs(
      client,
      token,
      `${route('customers.ledger', { id: customer.id })}?from=2026-11-02&to=2026-11-30`
    )
    ledger.assertStatus(200)
    assert.equal(ledger.body().openingBalance, '380000.00')
    assert.equal(ledger.body().closingBalance, '180000.00')
    assert.deepEqual(
      ledger.body().lines.map((l: any) => [l.kind, l.debit, l.credit, l.runningBalance]),
      [
        ['application', '150000.00', '0.00', '230000.00'],
        ['receipt', '0.00', '380000.00', '610000.00'],
        ['reversal', '380000.00', '0.00', '230000.00'],
        ['refund', '50000.00', '0.00', '180000.00'],
      ]
    )
  })

  test('a journal can be reversed once, and a reversal not at all', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    const receipt = await postAs(client, token, route('receipts.store'), {
      customerId: customer.id,
      amount: '100.00',
      currency: 'CNY',
      channel: 'cash',
    })
    const url = route('journals.reverse', { id: receipt.body().id })
    const pending = await expectStatus(postAs(client, token, url, { reason: 'wrong' }), 202)
    const twice = await expectStatus(postAs(client, token, url, { reason: 'wrong again' }), 409)
    assert.equal(twice.body().errors[0].rule, 'reversal_pending')
    const approved = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: pending.body().id }), {}),
      200
    )
    const again = await expectStatus(postAs(client, token, url, { reason: 'again' }), 409)
    assert.equal(again.body().errors[0].rule, 'already_reversed')
    const ofReversal = await expectStatus(
      postAs(client, token, route('journals.reverse', { id: approved.body().result.id }), {
        reason: 'x',
      }),
      409
    )
    assert.equal(ofReversal.body().errors[0].rule, 'not_reversible')
    await expectStatus(
      postAs(client, token, route('journals.reverse', { id: 999999999 }), { reason: 'x' }),
      404
    )
  })

  test('USD movements store their CNY base amount at the day rate', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer({ defaultCurrency: 'USD' })
    const rate = await postAs(client, manager.token, route('exchange_rates.store'), {
      currency: 'USD',
      rateDate: '2025-01-01',
      rate: '7.1234',
    })
    rate.assertStatus(201)
    const receipt = await postAs(client, token, route('receipts.store'), {
      customerId: customer.id,
      amount: '1000.01',
      currency: 'USD',
      channel: 'bank_transfer',
      entryDate: '2025-03-01',
    })
    receipt.assertStatus(201)
    assert.equal(receipt.body().baseAmount, '7123.47')
    assert.equal(receipt.body().lines[0].baseDebit, '7123.47')
    assert.equal(receipt.body().lines[1].baseCredit, '7123.47')
    const { result } = await submitAndApprove(
      client,
      token,
      manager.token,
      route('journals.reverse', { id: receipt.body().id }),
      { reason: 'test' }
    )
    assert.equal(result.baseAmount, '-7123.47')
  })

  test("amounts answer in their currency's decimals (JPY none, KWD three), base rounded half-up once", async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    for (const [currency, rate] of [
      ['JPY', '0.0478'],
      ['KWD', '5'],
    ]) {
      await expectStatus(
        postAs(client, manager.token, route('exchange_rates.store'), {
          currency,
          rateDate: '2025-01-01',
          rate,
        }),
        201
      )
    }
    const receipt = async (body: object) => {
      const response = await expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          channel: 'bank_transfer',
          entryDate: '2025-03-01',
          ...body,
        }),
        201
      )
      return response.body()
    }
    const yen = await receipt({ amount: '12345', currency: 'JPY' })
    assert.include(yen, { amount: '12345', balanceEffect: '12345', baseAmount: '590.09' })
    assert.equal(yen.exchangeRate, '0.0478000000')
    assert.deepEqual(yen.lines, [
      {
        lineNo: 1,
        accountCode: '1002',
        debit: '12345',
        credit: '0',
        baseDebit: '590.09',
        baseCredit: '0.00',
      },
      {
        lineNo: 2,
        accountCode: '2203',
        debit: '0',
        credit: '12345',
        baseDebit: '0.00',
        baseCredit: '590.09',
      },
    ])
    assert.deepEqual(yen.balanceAfter, {
      currency: 'JPY',
      balance: '12345',
      pending: '0',
      available: '12345',
    })
    // 0.001 KWD × 5 = 0.005 CNY: half-up gives 0.01 (half-even would give 0.00).
    const dinar = await receipt({ amount: '0.001', currency: 'KWD' })
    assert.include(dinar, { amount: '0.001', baseAmount: '0.01', currency: 'KWD' })
    assert.equal(dinar.balanceAfter.balance, '0.001')
    const stored = await db.from('journals').where('id', dinar.id).first()
    assert.equal(stored.base_amount, '0.0100')
    assert.equal(stored.journal_no, dinar.journalNo)
    assert.equal(new Date(stored.created_at).toISOString(), dinar.createdAt)
  })
})
