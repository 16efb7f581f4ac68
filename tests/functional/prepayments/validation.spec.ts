import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, writeCounters } from '#tests/support/fixtures'
import { postAs, expectStatus } from '#tests/support/api'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

const receipt = (customerId: number, overrides: object = {}) => ({
  customerId,
  amount: '100.00',
  currency: 'CNY',
  channel: 'bank_transfer',
  ...overrides,
})

test.group('Ledger: bad input is refused with the field and rule, and writes nothing', () => {
  const cases: Array<[string, object, number, string, string]> = [
    ['amount as a JSON number', { amount: 100.5 }, 422, 'amount', 'string'],
    ['negative amount', { amount: '-5.00' }, 422, 'amount', 'regex'],
    ['zero amount', { amount: '0.00' }, 422, 'amount', 'notZero'],
    ['absurd amount', { amount: '999999999999.00' }, 422, 'amount', 'max'],
    ['too many decimals for CNY', { amount: '10.123' }, 422, 'amount', 'decimalPlaces'],
    ['decimals on JPY', { amount: '10.5', currency: 'JPY' }, 422, 'amount', 'decimalPlaces'],
    ['unknown currency', { currency: 'XYZ' }, 422, 'currency', 'in'],
    ['no exchange rate yet', { currency: 'GBP' }, 422, 'currency', 'exchangeRate'],
    ['unknown channel', { channel: 'bitcoin' }, 422, 'channel', 'enum'],
    ['malformed date', { entryDate: '2026/11/01' }, 422, 'entryDate', 'date'],
    ['future date', { entryDate: '2099-01-01' }, 422, 'entryDate', 'notFuture'],
    ['unknown customer', { customerId: 987654321 }, 422, 'customerId', 'exists'],
    ['customer id as text', { customerId: 'abc' }, 422, 'customerId', 'number'],
  ]

  for (const [name, overrides, status, field, rule] of cases) {
    test(`receipt with ${name} → ${status} ${field}/${rule}`, async ({ client, assert }) => {
      const { token } = await makeUser('finance')
      const customer = await makeCustomer()
      const before = await writeCounters()
      const response = await postAs(
        client,
        token,
        '/api/v1/receipts',
        receipt(customer.id, overrides)
      )
      response.assertStatus(status)
      const error = response.body().errors[0]
      assert.equal(error.field, field)
      assert.equal(error.rule, rule)
      assert.isString(error.message)
      assert.deepEqual(await writeCounters(), before)
    })
  }

  test('a closed period refuses entries dated inside it (409)', async ({ client, assert }) => {
    const manager = await makeUser('finance_manager')
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const ok = await postAs(
      client,
      token,
      '/api/v1/receipts',
      receipt(customer.id, { entryDate: '2024-02-10' })
    )
    ok.assertStatus(201)
    const close = await postAs(client, manager.token, '/api/v1/periods/2024-02/close', {})
    close.assertStatus(200)
    const before = await writeCounters()
    const late = await postAs(
      client,
      token,
      '/api/v1/receipts',
      receipt(customer.id, { entryDate: '2024-02-28' })
    )
    late.assertStatus(409)
    assert.equal(late.body().errors[0].rule, 'period_closed')
    assert.equal(late.body().errors[0].field, 'entryDate')
    const reversal = await postAs(client, token, `/api/v1/journals/${ok.body().id}/reverse`, {
      reason: 'x',
      entryDate: '2024-02-11',
    })
    reversal.assertStatus(409)
    assert.deepEqual(await writeCounters(), before)
    const again = await postAs(client, manager.token, '/api/v1/periods/2024-02/close', {})
    again.assertStatus(409)
    // The original can still be reversed by an entry dated in an open period.
    const inOpen = await postAs(client, token, `/api/v1/journals/${ok.body().id}/reverse`, {
      reason: 'x',
    })
    inOpen.assertStatus(202)
  })

  test('the database itself refuses a row dated in a closed period, an edit, or an unbalanced journal', async ({
    assert,
  }) => {
    await db.rawQuery(
      "INSERT INTO accounting_periods (period, status) VALUES ('2023-05', 'closed') ON CONFLICT DO NOTHING"
    )
    const { user } = await makeUser('finance')
    const customer = await makeCustomer()
    // Through the unit of work, with the balance check left deferred to COMMIT: a COMMIT that
    // PostgreSQL refuses must reach the caller (knex alone would report it as committed).
    const insert = (date: string, lines: Array<[string, string, string]>) =>
      runInTransaction(systemActor('test'), async ({ trx }) => {
        const [j] = await trx
          .table('journals')
          .insert({
            journal_no: `T${Date.now()}${Math.random()}`.slice(0, 24),
            kind: 'receipt',
            customer_id: customer.id,
            currency: 'CNY',
            amount: '1',
            exchange_rate: '1',
            base_amount: '1',
            entry_date: date,
            channel: 'cash',
            created_by: user.id,
          })
          .returning('id')
        for (const [n, [account, debit, credit]] of lines.entries()) {
          await trx.table('journal_lines').insert({
            journal_id: j.id,
            line_no: n + 1,
            account_code: account,
            currency: 'CNY',
            debit,
            credit,
            base_debit: debit,
            base_credit: credit,
            entry_date: date,
          })
        }
        return j.id
      })
    await assert.rejects(
      () =>
        insert('2023-05-03', [
          ['1001', '1', '0'],
          ['2203', '0', '1'],
        ]),
      /closed/
    )
    await assert.rejects(
      () =>
        insert('2024-06-03', [
          ['1001', '1', '0'],
          ['2203', '0', '2'],
        ]),
      /not balanced/
    )
    await assert.rejects(() => insert('2024-06-03', [['1001', '1', '0']]), /not balanced/)
    const left = await db.from('journals').where('customer_id', customer.id).count('* as n')
    assert.equal(Number(left[0].n), 0)
    const id = await insert('2024-06-03', [
      ['1001', '1', '0'],
      ['2203', '0', '1'],
    ])
    await assert.rejects(
      () => db.rawQuery('UPDATE journals SET amount = 2 WHERE id = ?', [id]),
      /immutable/
    )
    await assert.rejects(
      () => db.rawQuery('DELETE FROM journal_lines WHERE journal_id = ?', [id]),
      /immutable/
    )
  })

  test('an application larger than what is available → 409 insufficient_balance', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer({ creditLimit: '50.00' })
    await expectStatus(
      postAs(client, token, '/api/v1/receipts', receipt(customer.id, { amount: '100.00' })),
      201
    )
    const before = await writeCounters()
    const tooMuch = await postAs(client, token, '/api/v1/applications', {
      customerId: customer.id,
      amount: '150.01',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: 'FP-1',
    })
    tooMuch.assertStatus(409)
    assert.equal(tooMuch.body().errors[0].rule, 'insufficient_balance')
    // headroom = available (balance − pending) + the credit limit an application may use
    assert.equal(tooMuch.body().errors[0].meta.headroom, '150.00')
    assert.equal(tooMuch.body().errors[0].meta.available, '100.00')
    assert.deepEqual(await writeCounters(), before)
    // Credit covers an application up to the limit, but never a refund.
    await expectStatus(
      postAs(client, token, '/api/v1/applications', {
        customerId: customer.id,
        amount: '150.00',
        currency: 'CNY',
        documentType: 'invoice',
        documentNo: 'FP-2',
      }),
      201
    )
    const refund = await postAs(client, token, '/api/v1/refunds', {
      customerId: customer.id,
      amount: '1.00',
      currency: 'CNY',
    })
    refund.assertStatus(409)
  })
})
