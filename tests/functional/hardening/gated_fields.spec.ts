import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { expectStatus, postAs } from '#tests/support/api'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

const patch = (client: any, token: string, id: number, body: object) =>
  client
    .patch(route('customers.update', { id: id }))
    .bearerToken(token)
    .json(body)

test.group('Hardening: a gated field is gated from its first value', () => {
  test('a credit limit given at creation waits for approval; the customer starts at 0', async ({
    client,
    assert,
  }) => {
    const { user: salesUser, token: sales } = await makeUser('sales')
    const { token: finance } = await makeUser('finance')
    const { token: manager } = await makeUser('finance_manager')
    const created = await expectStatus(
      postAs(client, sales, route('customers.store'), {
        code: unique('CL'),
        name: '额度客户',
        defaultCurrency: 'CNY',
        creditLimit: '9000000.00',
      }),
      201
    )
    const customer = created.body()
    assert.equal(customer.creditLimit, '0.00')
    assert.equal(customer.salesOwnerId, salesUser.id)
    assert.include(customer.creditLimitApproval, {
      actionType: 'credit_limit_change',
      status: 'pending',
      amount: '9000000.00',
    })
    const row = await db.from('customers').where('id', customer.id).first()
    assert.equal(Number(row.credit_limit), 0)

    // Finance cannot apply against a zero balance on the strength of the unapproved limit.
    const application = {
      customerId: customer.id,
      amount: '400000.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: unique('INV'),
    }
    const refused = await expectStatus(
      postAs(client, finance, route('applications.store'), application),
      409
    )
    assert.equal(refused.body().errors[0].rule, 'insufficient_balance')

    await expectStatus(
      postAs(
        client,
        manager,
        route('approvals.approve', { id: customer.creditLimitApproval.id }),
        {}
      ),
      200
    )
    const approved = await db.from('customers').where('id', customer.id).first()
    assert.equal(Number(approved.credit_limit), 9_000_000)
  })

  test('moving a non-zero limit to another currency is a limit change; limit and deactivation never ride together', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer({ creditLimit: '100000', defaultCurrency: 'JPY' })
    await postAs(client, token, route('exchange_rates.store'), {
      currency: 'USD',
      rateDate: '2020-01-01',
      rate: '7.1',
    })
    const moved = await expectStatus(
      patch(client, token, customer.id, { defaultCurrency: 'USD' }),
      202
    )
    assert.equal(moved.body().actionType, 'credit_limit_change')
    const row = await db.from('customers').where('id', customer.id).first()
    assert.equal(row.default_currency, 'JPY')

    const both = await expectStatus(
      patch(client, token, customer.id, { status: 'inactive', creditLimit: '5000000' }),
      422
    )
    assert.equal(both.body().errors[0].rule, 'separate_request')

    // A zero limit may move freely; a plain field is a plain 200.
    const plain = await makeCustomer()
    await expectStatus(patch(client, token, plain.id, { defaultCurrency: 'USD' }), 200)
  })
})
