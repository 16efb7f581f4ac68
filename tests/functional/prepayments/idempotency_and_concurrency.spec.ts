import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { countRows, makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, postAs, expectStatus } from '#tests/support/api'
import { Money, formatAmount } from '#kernel/money/money'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import { route } from '#tests/support/route'

test.group('Ledger: idempotent retries', () => {
  test('same key and body → the first response again, one journal', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const key = unique('key')
    const body = { customerId: customer.id, amount: '500.00', currency: 'CNY', channel: 'wechat' }
    const first = await postAs(client, token, route('receipts.store'), body, key)
    first.assertStatus(201)
    const retry = await postAs(client, token, route('receipts.store'), body, key)
    retry.assertStatus(201)
    assert.deepEqual(retry.body(), first.body())
    assert.equal(retry.header('idempotent-replayed'), 'true')
    assert.equal(await countRows('journals', { customer_id: customer.id }), 1)
    assert.equal((await balanceOf(client, token, customer.id))!.balance, '500.00')
  })

  test('same key with a different body → 409, nothing written', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const key = unique('key')
    await expectStatus(
      postAs(
        client,
        token,
        route('receipts.store'),
        { customerId: customer.id, amount: '500.00', currency: 'CNY', channel: 'cash' },
        key
      ),
      201
    )
    const reused = await postAs(
      client,
      token,
      route('receipts.store'),
      { customerId: customer.id, amount: '501.00', currency: 'CNY', channel: 'cash' },
      key
    )
    reused.assertStatus(409)
    assert.equal(reused.body().errors[0].rule, 'idempotency_conflict')
    assert.equal(reused.body().errors[0].field, 'Idempotency-Key')
    assert.equal(await countRows('journals', { customer_id: customer.id }), 1)
  })

  test('a failed request does not burn its key', async ({ client }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const key = unique('key')
    const body = {
      customerId: customer.id,
      amount: '10.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: 'FP-9',
    }
    await expectStatus(postAs(client, token, route('applications.store'), body, key), 409)
    await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '10.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    await expectStatus(postAs(client, token, route('applications.store'), body, key), 201)
  })

  test('ten concurrent retries with one key post once', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const key = unique('key')
    const body = { customerId: customer.id, amount: '70.00', currency: 'CNY', channel: 'alipay' }
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postAs(client, token, route('receipts.store'), body, key))
    )
    for (const response of responses) response.assertStatus(201)
    assert.equal(new Set(responses.map((r) => r.body().id)).size, 1)
    assert.equal(await countRows('journals', { customer_id: customer.id }), 1)
  })
})

test.group('Ledger: concurrency', () => {
  test('50 concurrent applications never overdraw and lose no update', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '1000.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        postAs(client, token, route('applications.store'), {
          customerId: customer.id,
          amount: '30.00',
          currency: 'CNY',
          documentType: 'order',
          documentNo: `SO-${n}`,
        })
      )
    )
    const accepted = responses.filter((r) => r.status() === 201)
    const refused = responses.filter((r) => r.status() === 409)
    assert.equal(accepted.length, 33)
    assert.equal(refused.length, 17)
    assert.equal((await balanceOf(client, token, customer.id))!.balance, '10.00')
    const balances = accepted.map((r) => r.body().balanceAfter.balance).sort()
    assert.equal(new Set(balances).size, 33, 'each posting saw a distinct balance: none was lost')
    const report = await new LedgerQueries().verifyBalances()
    assert.deepEqual(report, {
      customers: [],
      projects: [],
      baseResidues: [],
      monthlyBalances: [],
      unbalancedJournals: [],
    })
  })

  test('concurrent receipts and refunds keep the balance equal to its lines', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        n % 2 === 0
          ? postAs(client, token, route('receipts.store'), {
              customerId: customer.id,
              amount: '100.00',
              currency: 'CNY',
              channel: 'cash',
            })
          : postAs(client, token, route('refunds.store'), {
              customerId: customer.id,
              amount: '40.00',
              currency: 'CNY',
            })
      )
    )
    const { rows } = await db.rawQuery(
      'SELECT sum(credit - debit) AS sum FROM journal_lines WHERE customer_id = ?',
      [customer.id]
    )
    const sum = rows[0]
    const balance = (await balanceOf(client, token, customer.id))!
    assert.isFalse(new Money(sum.sum).isNegative())
    assert.equal(balance.balance, formatAmount(sum.sum, 'CNY'))
  })
  test('ten concurrent reversal requests of one journal: one waits for approval, nine refused', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await postAs(client, token, route('receipts.store'), {
      customerId: customer.id,
      amount: '100.00',
      currency: 'CNY',
      channel: 'cash',
    })
    // Reversing an application gives money back: nothing is held, so no balance lock orders them.
    const application = await postAs(client, token, route('applications.store'), {
      customerId: customer.id,
      amount: '30.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: 'INV-REV-1',
    })
    const url = route('journals.reverse', { id: application.body().id })
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postAs(client, token, url, { reason: 'twice?' }))
    )
    assert.deepEqual(
      responses.map((r) => r.status()).sort(),
      [202, 409, 409, 409, 409, 409, 409, 409, 409, 409]
    )
    for (const refused of responses.filter((r) => r.status() === 409)) {
      assert.equal(refused.body().errors[0].rule, 'reversal_pending')
    }
    const pending = await db
      .from('approval_requests')
      .where({ action_type: 'reversal', status: 'pending' })
      .whereRaw("(payload->>'journalId')::bigint = ?", [application.body().id])
    assert.lengthOf(pending, 1)
  })
})
