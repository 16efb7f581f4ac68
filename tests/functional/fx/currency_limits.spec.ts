import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { alertsOf, evaluator } from '#tests/support/alerts'
import { route } from '#tests/support/route'

/*
| Limits per currency (issue 19): credit limit and low-balance line per customer × currency; the
| default currency's row is the customer's own fields. USD rates of 2002-02 are this file's own.
*/

const putLimits = (client: ApiClient, token: string, id: number, body: object) =>
  client.put(route('customers.limits.update', { id })).bearerToken(token).json(body)

const limitsOf = async (client: ApiClient, token: string, id: number) => {
  const response = await expectStatus(
    getAs(client, token, route('customers.limits.index', { id })),
    200
  )
  return response.body().data as Array<{
    currency: string
    creditLimit: string
    lowBalanceThreshold: string | null
    isDefault: boolean
  }>
}

const approve = (client: ApiClient, token: string, id: number) =>
  expectStatus(postAs(client, token, route('approvals.approve', { id }), { comment: 'ok' }), 200)

const application = (customerId: number, currency: string, amount: string) => ({
  customerId,
  currency,
  amount,
  documentType: 'invoice',
  documentNo: `LIM-${currency}-${amount}`,
  entryDate: '2002-02-12',
})

test.group('Limits per currency', (group) => {
  let finance: { token: string }
  let manager: { token: string }
  group.setup(async () => {
    finance = await makeUser('finance')
    manager = await makeUser('finance_manager')
    await db.rawQuery(
      `INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('USD', '2002-02-01', 8.27)
       ON CONFLICT DO NOTHING`
    )
  })

  test('a USD credit limit, through approval, is used by a USD application and not by a CNY one', async ({
    client: c,
    assert,
  }) => {
    const customer = await makeCustomer({ creditLimit: '100.00' })
    // the default currency's row is the customer's own field, copied by the trigger
    assert.deepEqual(await limitsOf(c, finance.token, customer.id), [
      { currency: 'CNY', creditLimit: '100.00', lowBalanceThreshold: null, isDefault: true },
    ])

    const pending = await expectStatus(
      putLimits(c, finance.token, customer.id, { currency: 'USD', creditLimit: '500.00' }),
      202
    )
    assert.equal(pending.body().actionType, 'credit_limit_change')
    assert.equal(pending.body().currency, 'USD')
    // nothing changes while the request waits
    assert.lengthOf(await limitsOf(c, finance.token, customer.id), 1)
    const approved = await approve(c, manager.token, pending.body().id)
    assert.deepEqual(approved.body().result.data[1], {
      currency: 'USD',
      creditLimit: '500.00',
      lowBalanceThreshold: null,
      isDefault: false,
    })
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'customer_currency_limit', entity_id: `${customer.id}:USD` })
    assert.lengthOf(audit, 1)

    // USD: 300 on credit passes; the next 300 exceeds the USD headroom of 200
    const usd = await expectStatus(
      postAs(
        c,
        finance.token,
        route('applications.store'),
        application(customer.id, 'USD', '300.00')
      ),
      201
    )
    assert.equal(usd.body().balanceAfter.balance, '-300.00')
    const over = await postAs(
      c,
      finance.token,
      route('applications.store'),
      application(customer.id, 'USD', '200.01')
    )
    over.assertStatus(409)
    assert.equal(over.body().errors[0].rule, 'insufficient_balance')
    assert.equal(over.body().errors[0].meta.headroom, '200.00')
    assert.equal(over.body().errors[0].meta.currency, 'USD')

    // CNY: its own row (100), not the USD one
    const cny = await postAs(
      c,
      finance.token,
      route('applications.store'),
      application(customer.id, 'CNY', '100.01')
    )
    cny.assertStatus(409)
    assert.equal(cny.body().errors[0].meta.headroom, '100.00')
    const usdBalance = await balanceOf(c, finance.token, customer.id, 'USD')
    assert.equal(usdBalance?.creditLimit, '500.00')
  })

  test('a USD low-balance alert comes from the USD row (and clears when it recovers)', async ({
    client: c,
    assert,
  }) => {
    const customer = await makeCustomer()
    // a threshold alone applies at once (no approval)
    await expectStatus(
      putLimits(c, finance.token, customer.id, {
        currency: 'USD',
        lowBalanceThreshold: '1000.00',
      }),
      200
    )
    const receipt = (amount: string) =>
      expectStatus(
        postAs(c, finance.token, route('receipts.store'), {
          customerId: customer.id,
          currency: 'USD',
          amount,
          channel: 'bank_transfer',
          entryDate: '2002-02-14',
        }),
        201
      )
    await receipt('800.00')
    // a CNY balance with no CNY line: never an alert
    await expectStatus(
      postAs(c, finance.token, route('receipts.store'), {
        customerId: customer.id,
        currency: 'CNY',
        amount: '10.00',
        channel: 'bank_transfer',
        entryDate: '2002-02-14',
      }),
      201
    )
    const alerts = await evaluator()
    await alerts.evaluateCustomer(customer.id, { asOf: '2002-02-14' })
    const lowOf = async () => {
      const all = await alertsOf(customer.id)
      return all.filter((a) => a.ruleType === 'low_balance')
    }
    const low = await lowOf()
    assert.lengthOf(low, 1)
    const row = await db
      .from('customer_currency_limits')
      .where({ customer_id: customer.id, currency: 'USD' })
      .first()
    assert.equal(low[0].subjectType, 'customer_currency')
    assert.equal(low[0].subjectId, Number(row.id))
    assert.equal(low[0].status, 'open')
    assert.equal(low[0].params.currency, 'USD')
    assert.include(String(low[0].params.balance), '800.00')
    assert.include(String(low[0].params.threshold), '1,000.00')

    await receipt('300.00')
    // an evaluation as of today clears a state alert whose condition no longer holds
    await alerts.evaluateCustomer(customer.id)
    const after = await lowOf()
    assert.deepEqual(
      after.map((a) => a.status),
      ['resolved']
    )
  })

  test('the default currency row is the customer: PUT goes through its gate; PATCH shows in the rows', async ({
    client: c,
    assert,
  }) => {
    const customer = await makeCustomer()
    const pending = await expectStatus(
      putLimits(c, finance.token, customer.id, {
        currency: 'CNY',
        creditLimit: '2000.00',
        lowBalanceThreshold: '50.00',
      }),
      202
    )
    // rejected: nothing changes
    await expectStatus(
      postAs(c, manager.token, route('approvals.reject', { id: pending.body().id }), {
        comment: 'no',
      }),
      200
    )
    const unchanged = await limitsOf(c, finance.token, customer.id)
    assert.equal(unchanged[0].creditLimit, '0.00')

    const again = await expectStatus(
      putLimits(c, finance.token, customer.id, { currency: 'CNY', creditLimit: '2000.00' }),
      202
    )
    await approve(c, manager.token, again.body().id)
    const shown = await expectStatus(
      getAs(c, finance.token, route('customers.show', { id: customer.id })),
      200
    )
    assert.equal(shown.body().creditLimit, '2000.00')
    const changed = await limitsOf(c, finance.token, customer.id)
    assert.equal(changed[0].creditLimit, '2000.00')

    // the customer's own threshold field is the CNY row
    await expectStatus(
      c
        .patch(route('customers.update', { id: customer.id }))
        .bearerToken(finance.token)
        .json({ lowBalanceThreshold: '75.00' }),
      200
    )
    const rows = await limitsOf(c, finance.token, customer.id)
    assert.equal(rows[0].lowBalanceThreshold, '75.00')

    // a limit in another currency is refused with the field and rule in the caller's language
    const bad = await putLimits(c, finance.token, customer.id, {
      currency: 'USD',
      creditLimit: '-1',
    })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'creditLimit')
  })
})
