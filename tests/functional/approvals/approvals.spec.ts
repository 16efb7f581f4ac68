import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { ApprovalService } from '#modules/approvals/services/approval_service'
import { runInTransaction } from '#kernel/unit_of_work'
import { systemActor } from '#kernel/actor'
import app from '@adonisjs/core/services/app'
import { route } from '#tests/support/route'

async function fundedCustomer(client: any, amount: string) {
  const clerk = await makeUser('finance')
  const customer = await makeCustomer()
  await expectStatus(
    postAs(client, clerk.token, route('receipts.store'), {
      customerId: customer.id,
      amount,
      currency: 'CNY',
      channel: 'cash',
    }),
    201
  )
  return { clerk, customer }
}

const refund = (customerId: number, amount: string, entryDate?: string) => ({
  customerId,
  amount,
  currency: 'CNY',
  reason: '客户退款',
  ...(entryDate ? { entryDate } : {}),
})

test.group('Approvals: reservations', () => {
  test('a pending refund holds its amount; two can never exceed the balance', async ({
    client,
    assert,
  }) => {
    const { clerk, customer } = await fundedCustomer(client, '100.00')
    const first = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '60.00')),
      202
    )
    assert.equal(first.body().reserved, '60.00')
    const second = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '50.00')),
      409
    )
    assert.equal(second.body().errors[0].rule, 'insufficient_balance')
    // a refund may not use credit: its headroom is what is available
    assert.equal(second.body().errors[0].meta.headroom, '40.00')
    assert.equal(second.body().errors[0].meta.available, '40.00')
    const balance = await balanceOf(client, clerk.token, customer.id)
    assert.deepInclude(balance, { balance: '100.00', pending: '60.00', available: '40.00' })
  })

  test('ten concurrent refund requests reserve at most the balance', async ({ client, assert }) => {
    const { clerk, customer } = await fundedCustomer(client, '100.00')
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '30.00'))
      )
    )
    assert.equal(responses.filter((r) => r.status() === 202).length, 3)
    assert.equal(responses.filter((r) => r.status() === 409).length, 7)
    const balance = await balanceOf(client, clerk.token, customer.id)
    assert.deepInclude(balance, { balance: '100.00', pending: '90.00', available: '10.00' })
  })

  test('reject, cancel and expiry release the reservation', async ({ client, assert }) => {
    const { clerk, customer } = await fundedCustomer(client, '100.00')
    const manager = await makeUser('finance_manager')
    const a = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '10.00')),
      202
    )
    const b = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '20.00')),
      202
    )
    const c = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '30.00')),
      202
    )
    assert.equal((await balanceOf(client, clerk.token, customer.id))!.pending, '60.00')

    const rejected = await expectStatus(
      postAs(client, manager.token, route('approvals.reject', { id: a.body().id }), {
        comment: '资料不全',
      }),
      200
    )
    assert.equal(rejected.body().approval.status, 'rejected')
    assert.equal(rejected.body().approval.decisions[0].comment, '资料不全')
    await expectStatus(
      postAs(client, manager.token, route('approvals.cancel', { id: b.body().id }), {}),
      403
    )
    await expectStatus(
      postAs(client, clerk.token, route('approvals.cancel', { id: b.body().id }), {}),
      200
    )
    await db
      .from('approval_requests')
      .where('id', c.body().id)
      .update({ expires_at: new Date(Date.now() - 1000) })
    const service = await app.container.make(ApprovalService)
    const expired = await runInTransaction(systemActor('test'), (uow) => service.expireDue(uow))
    assert.isAtLeast(expired, 1)
    const after = await getAs(client, clerk.token, route('approvals.show', { id: c.body().id }))
    assert.equal(after.body().status, 'expired')
    assert.deepInclude(await balanceOf(client, clerk.token, customer.id), {
      balance: '100.00',
      pending: '0.00',
    })
    const late = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: a.body().id }), {}),
      409
    )
    assert.equal(late.body().errors[0].rule, 'not_pending')
  })

  test('a request past its deadline is not approved, even before the expiry run', async ({
    client,
    assert,
  }) => {
    const { clerk, customer } = await fundedCustomer(client, '100.00')
    const manager = await makeUser('finance_manager')
    const request = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '40.00')),
      202
    )
    await db
      .from('approval_requests')
      .where('id', request.body().id)
      .update({ expires_at: new Date(Date.now() - 1000) })
    const late = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: request.body().id }), {}),
      409
    )
    assert.equal(late.body().errors[0].rule, 'request_expired')
    const refunds = await db.from('journals').where({ customer_id: customer.id, kind: 'refund' })
    assert.lengthOf(refunds, 0)
    const decisions = await db.from('approval_decisions').where('request_id', request.body().id)
    assert.lengthOf(decisions, 0)
    assert.deepInclude(await balanceOf(client, clerk.token, customer.id), {
      balance: '100.00',
      pending: '40.00',
    })
  })
})

test.group('Approvals: maker-checker and levels', () => {
  test('a read-only user named by a rule from before still cannot decide', async ({
    client,
    assert,
  }) => {
    const { clerk, customer } = await fundedCustomer(client, '100.00')
    const auditor = await makeUser('auditor')
    const department = `AUD-${customer.id}`
    await db.from('customers').where('id', customer.id).update({ department })
    const [rule] = await db
      .table('approval_rules')
      .insert({
        name: 'legacy: the auditor approves',
        action_type: 'refund',
        min_base_amount: '0.01',
        department,
        levels: JSON.stringify([{ userId: auditor.user.id }]),
        is_active: true,
      })
      .returning('id')
    try {
      const request = await expectStatus(
        postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '5.00')),
        202
      )
      const refused = await expectStatus(
        postAs(
          client,
          auditor.token,
          route('approvals.approve', { id: request.body().id }),
          {}
        ).header('Accept-Language', 'en'),
        403
      )
      assert.match(refused.body().errors[0].message, /may not decide/)
      const after = await db.from('approval_requests').where('id', request.body().id).first()
      assert.equal(after.status, 'pending')
    } finally {
      await db.from('approval_rules').where('id', rule.id).update({ is_active: false })
    }
  })

  test('a requester never approves their own request', async ({ client, assert }) => {
    const { customer } = await fundedCustomer(client, '100.00')
    const manager = await makeUser('finance_manager')
    const request = await expectStatus(
      postAs(client, manager.token, route('refunds.store'), refund(customer.id, '5.00')),
      202
    )
    const own = await expectStatus(
      postAs(
        client,
        manager.token,
        route('approvals.approve', { id: request.body().id }),
        {}
      ).header('Accept-Language', 'en'),
      403
    )
    assert.match(own.body().errors[0].message, /maker-checker/)
  })

  test('a refund ≥ ¥100,000 needs the finance manager, then an admin — two different people', async ({
    client,
    assert,
  }) => {
    const { clerk, customer } = await fundedCustomer(client, '300000.00')
    const manager = await makeUser('finance_manager')
    const otherManager = await makeUser('finance_manager')
    const admin = await makeUser('admin')
    const request = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '120000.00')),
      202
    )
    assert.deepEqual(request.body().levels, [{ role: 'finance_manager' }, { role: 'admin' }])
    await expectStatus(
      postAs(client, admin.token, route('approvals.approve', { id: request.body().id }), {}),
      403
    )
    const first = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: request.body().id }), {}),
      200
    )
    assert.equal(first.body().approval.status, 'pending')
    assert.equal(first.body().approval.currentLevel, 2)
    const inbox = async (token: string) => {
      const response = await getAs(
        client,
        token,
        `${route('approvals.index')}?awaitingMe=true&limit=500`
      )
      return response.body().data.map((r: any) => r.id)
    }
    assert.notInclude(await inbox(manager.token), request.body().id, 'decided level 1 already')
    assert.include(await inbox(admin.token), request.body().id)
    await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: request.body().id }), {}),
      403
    )
    await expectStatus(
      postAs(client, otherManager.token, route('approvals.approve', { id: request.body().id }), {}),
      403
    )
    assert.equal((await balanceOf(client, clerk.token, customer.id))!.balance, '300000.00')
    const final = await expectStatus(
      postAs(client, admin.token, route('approvals.approve', { id: request.body().id }), {}),
      200
    )
    assert.equal(final.body().approval.status, 'approved')
    assert.equal(final.body().result.kind, 'refund')
    assert.deepInclude(await balanceOf(client, clerk.token, customer.id), {
      balance: '180000.00',
      pending: '0.00',
    })
    const decisions = await db
      .from('approval_decisions')
      .where('request_id', request.body().id)
      .orderBy('level')
    assert.deepEqual(
      decisions.map((d) => [d.level, d.decided_by]),
      [
        [1, manager.user.id],
        [2, admin.user.id],
      ]
    )
  })

  test('approval fails (409) and changes nothing when the entry date got closed meanwhile', async ({
    client,
    assert,
  }) => {
    const clerk = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, clerk.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '100.00',
        currency: 'CNY',
        channel: 'cash',
        entryDate: '2021-06-01',
      }),
      201
    )
    const request = await expectStatus(
      postAs(
        client,
        clerk.token,
        route('refunds.store'),
        refund(customer.id, '10.00', '2021-06-02')
      ),
      202
    )
    await expectStatus(
      postAs(client, manager.token, route('periods.close', { period: '2021-06' }), {}),
      200
    )
    const refused = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: request.body().id }), {}),
      409
    )
    assert.equal(refused.body().errors[0].rule, 'period_closed')
    const still = await getAs(
      client,
      clerk.token,
      route('approvals.show', { id: request.body().id })
    )
    assert.equal(still.body().status, 'pending')
    assert.deepEqual(still.body().decisions, [])
    assert.deepInclude(await balanceOf(client, clerk.token, customer.id), {
      balance: '100.00',
      pending: '10.00',
    })
  })

  test('the approver inbox lists what awaits me; its limit counts only that', async ({
    client,
    assert,
  }) => {
    const { clerk, customer } = await fundedCustomer(client, '100.00')
    const manager = await makeUser('finance_manager')
    const request = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), refund(customer.id, '5.00')),
      202
    )
    // newer, and the manager's own: maker-checker keeps it out of the manager's inbox
    const own = await expectStatus(
      postAs(client, manager.token, route('refunds.store'), refund(customer.id, '6.00')),
      202
    )
    const inbox = async (token: string, query: string) => {
      const response = await getAs(client, token, `${route('approvals.index')}?${query}`)
      return response.body().data.map((r: any) => r.id)
    }
    assert.deepEqual(await inbox(manager.token, 'awaitingMe=true&limit=1'), [request.body().id])
    assert.deepEqual(await inbox(manager.token, 'limit=1'), [own.body().id])
    assert.notInclude(await inbox(clerk.token, 'awaitingMe=true&limit=500'), request.body().id)
  })
})

test.group('Approvals: rules', () => {
  test('admins manage rules; a large application then needs approval, a small one not', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const clerk = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const rule = {
      name: 'USD 核销审批',
      actionType: 'application',
      minBaseAmount: null,
      currency: 'EUR',
      levels: [{ role: 'finance_manager' }],
    }
    await expectStatus(postAs(client, clerk.token, route('approval_rules.store'), rule), 403)
    const bad = await expectStatus(
      postAs(client, admin.token, route('approval_rules.store'), { ...rule, levels: [{}] }),
      422
    )
    assert.equal(bad.body().errors[0].field, 'levels.0')
    // Read-only roles never approve: not by role, not by naming such a user.
    const auditor = await makeUser('auditor')
    const readOnly = await expectStatus(
      postAs(client, admin.token, route('approval_rules.store'), {
        ...rule,
        levels: [{ role: 'auditor' }],
      }),
      422
    )
    assert.equal(readOnly.body().errors[0].field, 'levels.0.role')
    const byUser = await expectStatus(
      postAs(client, admin.token, route('approval_rules.store'), {
        ...rule,
        levels: [{ userId: auditor.user.id }],
      }),
      422
    )
    assert.equal(byUser.body().errors[0].field, 'levels.0.userId')
    const created = await expectStatus(
      postAs(client, admin.token, route('approval_rules.store'), rule),
      201
    )
    assert.equal(created.body().currency, 'EUR')

    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, clerk.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '700000.00',
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
      201
    )
    const small = {
      customerId: customer.id,
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: 'FP-S',
      amount: '100.00',
    }
    await expectStatus(postAs(client, clerk.token, route('applications.store'), small), 201)
    const large = await expectStatus(
      postAs(client, clerk.token, route('applications.store'), { ...small, amount: '600000.00' }),
      202
    )
    assert.equal(large.body().actionType, 'application')
    const approved = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: large.body().id }), {}),
      200
    )
    assert.equal(approved.body().result.balanceAfter.balance, '99900.00')

    const updated = await client
      .put(route('approval_rules.update', { id: created.body().id }))
      .bearerToken(admin.token)
      .json({ ...rule, isActive: false })
    updated.assertStatus(200)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'approval_rule', entity_id: String(created.body().id) })
      .orderBy('id')
    assert.deepEqual(
      audit.map((r) => r.action),
      ['create', 'update']
    )
    assert.isTrue(audit[1].before.isActive)
    assert.isFalse(audit[1].after.isActive)
  })
})
