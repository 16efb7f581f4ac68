import { test } from '@japa/runner'
import { makeCustomer, makeUser, writeCounters } from '#tests/support/fixtures'
import { getAs, postAs, expectStatus } from '#tests/support/api'
import type { Role } from '#modules/identity/roles'
import { route } from '#tests/support/route'

type Call = { name: string; run: (ctx: { client: any; token: string; customerId: number }) => any }

const calls: Record<string, Call> = {
  receipt: {
    name: 'POST /receipts',
    run: ({ client, token, customerId }) =>
      postAs(client, token, route('receipts.store'), {
        customerId,
        amount: '10.00',
        currency: 'CNY',
        channel: 'cash',
      }),
  },
  application: {
    name: 'POST /applications',
    run: ({ client, token, customerId }) =>
      postAs(client, token, route('applications.store'), {
        customerId,
        amount: '1.00',
        currency: 'CNY',
        documentType: 'invoice',
        documentNo: 'FP-R',
      }),
  },
  refund: {
    name: 'POST /refunds',
    run: ({ client, token, customerId }) =>
      postAs(client, token, route('refunds.store'), {
        customerId,
        amount: '1.00',
        currency: 'CNY',
      }),
  },
  adjustment: {
    name: 'POST /adjustments',
    run: ({ client, token, customerId }) =>
      postAs(client, token, route('adjustments.store'), {
        customerId,
        amount: '-1.00',
        currency: 'CNY',
        reason: 'fix',
      }),
  },
  readBalance: {
    name: 'GET /balances',
    run: ({ client, token, customerId }) =>
      getAs(client, token, route('customers.balances', { id: customerId })),
  },
  updateCustomer: {
    name: 'PATCH /customers/:id',
    run: ({ client, token, customerId }) =>
      client
        .patch(route('customers.update', { id: customerId }))
        .bearerToken(token)
        .json({ name: '改名' }),
  },
  closePeriod: {
    name: 'POST /periods/:p/close',
    run: ({ client, token }) =>
      postAs(client, token, route('periods.close', { period: '2023-01' }), {}),
  },
  auditLog: {
    name: 'GET /audit-logs',
    run: ({ client, token }) => getAs(client, token, `${route('audit_logs.index')}?limit=1`),
  },
}

/** role → the calls it may make on a customer it may see (others must answer 403). */
const allowed: Record<Role, string[]> = {
  admin: ['readBalance', 'updateCustomer', 'auditLog'],
  sales: ['receipt', 'readBalance', 'updateCustomer'],
  finance: ['receipt', 'application', 'refund', 'adjustment', 'readBalance', 'updateCustomer'],
  finance_manager: [
    'receipt',
    'application',
    'refund',
    'adjustment',
    'readBalance',
    'updateCustomer',
    'closePeriod',
  ],
  auditor: ['readBalance', 'auditLog'],
  executive: ['readBalance'],
}

test.group('Roles: each role may do exactly what its permissions allow', () => {
  for (const [role, permitted] of Object.entries(allowed) as Array<[Role, string[]]>) {
    for (const [key, call] of Object.entries(calls)) {
      const expected = permitted.includes(key) ? 'allowed' : 'forbidden'
      test(`${role}: ${call.name} is ${expected}`, async ({ client, assert }) => {
        const { user, token } = await makeUser(role)
        const customer = await makeCustomer({ salesOwnerId: user.id })
        const funder = await makeUser('finance')
        await expectStatus(
          postAs(client, funder.token, route('receipts.store'), {
            customerId: customer.id,
            amount: '100.00',
            currency: 'CNY',
            channel: 'cash',
          }),
          201
        )
        const response = await call.run({ client, token, customerId: customer.id })
        if (expected === 'forbidden') {
          response.assertStatus(403)
          assert.equal(response.body().errors[0].rule, 'forbidden')
        } else {
          assert.include([200, 201, 202], response.status(), JSON.stringify(response.body()))
        }
      })
    }
  }

  test('sales sees and posts only for its own customers', async ({ client, assert }) => {
    const mine = await makeUser('sales')
    const other = await makeUser('sales')
    const own = await makeCustomer({ salesOwnerId: mine.user.id })
    const theirs = await makeCustomer({ salesOwnerId: other.user.id })
    await expectStatus(
      postAs(client, mine.token, route('receipts.store'), {
        customerId: own.id,
        amount: '5.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    await expectStatus(
      postAs(client, mine.token, route('receipts.store'), {
        customerId: theirs.id,
        amount: '5.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      403
    )
    await expectStatus(getAs(client, mine.token, route('customers.show', { id: theirs.id })), 403)
    const list = await getAs(client, mine.token, `${route('customers.index')}?perPage=200`)
    assert.deepEqual(
      list.body().data.map((c: any) => c.id),
      [own.id]
    )
  })

  test('a refused sales caller learns nothing and writes nothing, whatever else is wrong', async ({
    client,
    assert,
  }) => {
    const mine = await makeUser('sales')
    const other = await makeUser('sales')
    const finance = await makeUser('finance')
    const theirs = await makeCustomer({ salesOwnerId: other.user.id })
    const reference = `ROLES-${Date.now()}`
    const receipt = { customerId: theirs.id, currency: 'CNY', channel: 'bank_transfer' }
    await expectStatus(
      postAs(client, finance.token, route('receipts.store'), {
        ...receipt,
        amount: '10.00',
        bankReference: reference,
      }),
      201
    )
    const before = await writeCounters()
    // A reused bank reference would be a 409 naming the other journal: the 403 comes first.
    const reused = await postAs(
      client,
      mine.token,
      route('receipts.store'),
      { ...receipt, amount: '10.00', bankReference: reference },
      `roles-${reference}`
    )
    reused.assertStatus(403)
    assert.equal(reused.body().errors[0].rule, 'forbidden')
    // More than is available would be a 409 telling the balance: the 403 comes first.
    await expectStatus(
      postAs(client, mine.token, route('applications.store'), {
        ...receipt,
        amount: '999.00',
        documentType: 'invoice',
        documentNo: 'INV-ROLES',
      }),
      403
    )
    assert.deepEqual(await writeCounters(), before)
  })

  test('no token → 401; a bad token → 401', async ({ client }) => {
    await expectStatus(client.get(route('customers.index')), 401)
    await expectStatus(client.get(route('customers.index')).bearerToken('oat_bogus.token'), 401)
  })
})
