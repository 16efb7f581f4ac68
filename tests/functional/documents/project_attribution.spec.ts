import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs, submitAndApprove } from '#tests/support/api'
import { route } from '#tests/support/route'
import { Money } from '#kernel/money/money'

async function projectBalances(customerId: number) {
  const rows = await db
    .from('project_balances')
    .where({ customer_id: customerId, currency: 'CNY' })
    .orderBy('project_id')
  return new Map(rows.map((row) => [Number(row.project_id), new Money(row.balance).toFixed(2)]))
}

async function customerBalance(customerId: number) {
  const row = await db.from('customer_balances').where({ customer_id: customerId }).first()
  return new Money(row.balance)
}

test.group('Project attribution (issue 17)', () => {
  test('an application without a project draws on the first project (FIFO) that covers it, as one journal', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const older = await makeProject(customer.id)
    const newer = await makeProject(customer.id)
    const receipt = (projectId: number, amount: string, entryDate: string) =>
      expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          projectId,
          amount,
          currency: 'CNY',
          channel: 'cash',
          entryDate,
        }),
        201
      )
    await receipt(newer.id, '500.00', '2026-11-02')
    await receipt(older.id, '300.00', '2026-11-01')
    const applied = await expectStatus(
      postAs(client, token, route('applications.store'), {
        customerId: customer.id,
        amount: '400.00',
        currency: 'CNY',
        documentType: 'order',
        documentNo: 'SO-FIFO-1',
      }),
      201
    )
    // the older project (300) cannot cover 400 alone: the newer one (500) does, as one journal
    assert.equal(applied.body().projectId, newer.id)
    assert.equal(applied.body().amount, '400.00')
    assert.notProperty(applied.body(), 'attributedJournals')
    const balances = await projectBalances(customer.id)
    assert.equal(balances.get(older.id), '300.00')
    assert.equal(balances.get(newer.id), '100.00')

    // a refund without a project: the same rule (approved by a finance manager)
    const { token: managerToken } = await makeUser('finance_manager')
    const refunded = await submitAndApprove(client, token, managerToken, route('refunds.store'), {
      customerId: customer.id,
      amount: '150.00',
      currency: 'CNY',
      reason: '退款',
    })
    // 150: the older project (300, first in) covers it
    assert.equal(refunded.result.projectId, older.id)
    const after = await projectBalances(customer.id)
    assert.equal(after.get(older.id), '150.00')
    assert.equal(after.get(newer.id), '100.00')
    const total = await customerBalance(customer.id)
    const sum = [...after.values()].reduce((acc, value) => acc.plus(value), new Money(0))
    assert.equal(sum.toFixed(2), total.toFixed(2))
  })

  test('a named project or a customer without projects is left as it is', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '100.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const applied = await expectStatus(
      postAs(client, token, route('applications.store'), {
        customerId: customer.id,
        amount: '40.00',
        currency: 'CNY',
        documentType: 'invoice',
        documentNo: 'FP-NOPROJ',
      }),
      201
    )
    assert.isNull(applied.body().projectId)
    assert.notProperty(applied.body(), 'attributedJournals')
  })
})
