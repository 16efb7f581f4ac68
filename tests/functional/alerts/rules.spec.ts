import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import {
  alertsOf,
  evaluator,
  postReceipt,
  putPlan,
  setThreshold,
  waitForAlert,
} from '#tests/support/alerts'
import { runInTransaction } from '#kernel/unit_of_work'
import { systemActor } from '#kernel/actor'
import { RuleChecks, type AlertRule } from '#modules/alerts/services/rule_checks'
import app from '@adonisjs/core/services/app'

const keys = async (customerId: number) => {
  const rows = await alertsOf(customerId)
  return rows.map((a) => a.messageKey)
}

test.group('Alerts: each rule fires on the right data and stays silent on the wrong', () => {
  test('low balance: below the customer line only', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const noLine = await makeCustomer()
    await setThreshold(customer.id, '1000')
    const alerts = await evaluator()
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '1500.00',
      entryDate: '2025-02-01',
    })
    await postReceipt(client, token, {
      customerId: noLine.id,
      amount: '10.00',
      entryDate: '2025-02-01',
    })
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-02-01' })
    await alerts.evaluateCustomer(noLine.id, { asOf: '2025-02-01' })
    assert.deepEqual(await keys(customer.id), [])
    assert.deepEqual(await keys(noLine.id), [])
    await expectStatus(
      postAs(client, token, '/api/v1/applications', {
        customerId: customer.id,
        amount: '500.01',
        currency: 'CNY',
        documentType: 'order',
        documentNo: 'SO-1',
        entryDate: '2025-02-02',
      }),
      201
    )
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-02-02' })
    const [low] = await alertsOf(customer.id)
    assert.equal(low.messageKey, 'low_balance')
    assert.equal(low.params.balance, '¥999.99')
  })

  test('abnormal receipt: above k × the median or the absolute line', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const alerts = await evaluator()
    const receive = async (amount: string) => {
      const journal = await postReceipt(client, token, {
        customerId: customer.id,
        amount,
        entryDate: '2025-03-01',
        memo: amount,
      })
      await alerts.evaluateCustomer(customer.id, { asOf: '2025-03-01', journal })
      return journal
    }
    for (const amount of ['1000.00', '1200.00', '1100.00', '900.00']) await receive(amount)
    // median of 900, 1000, 1100, 1200 is 1050: 5 × 1050 = 5250 is not above it
    await receive('5250.00')
    assert.deepEqual(await keys(customer.id), [])
    // now the median of 900…1200 and 5250 is 1100: 5500.01 is above 5 × 1100
    const big = await receive('5500.01')
    const [alert] = await alertsOf(customer.id)
    assert.deepInclude(alert, {
      messageKey: 'abnormal_median',
      subjectType: 'journal',
      subjectId: big.id,
    })
    assert.equal(alert.params.median, '¥1,100.00')

    const fresh = await makeCustomer()
    for (const amount of ['1000000.00', '1000000.01']) {
      const journal = await postReceipt(client, token, {
        customerId: fresh.id,
        amount,
        entryDate: '2025-03-02',
      })
      await alerts.evaluateCustomer(fresh.id, { asOf: '2025-03-02', journal })
    }
    assert.deepEqual(await keys(fresh.id), ['abnormal_absolute'])
  })

  test('duplicate-looking receipt: same bank reference, or same amount, day and customer', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const alerts = await evaluator()
    const receive = async (body: Record<string, unknown>) => {
      const journal = await postReceipt(client, token, { customerId: customer.id, ...body } as any)
      await alerts.evaluateCustomer(customer.id, { asOf: journal.entryDate, journal })
      return journal
    }
    await receive({ amount: '700.00', entryDate: '2025-04-01' })
    await receive({ amount: '700.00', entryDate: '2025-04-02' })
    await receive({ amount: '700.01', entryDate: '2025-04-01' })
    assert.deepEqual(await keys(customer.id), [])
    const same = await receive({ amount: '700.00', entryDate: '2025-04-01' })
    const reference = `REF-${customer.id}`
    await receive({ amount: '1.00', entryDate: '2025-04-03', bankReference: reference })
    const again = await receive({
      amount: '2.00',
      entryDate: '2025-04-04',
      channel: 'wechat',
      bankReference: reference,
    })
    const raised = await alertsOf(customer.id)
    assert.deepEqual(
      raised.map((a) => [a.messageKey, a.subjectId]),
      [
        ['duplicate_amount_day', same.id],
        ['duplicate_reference', again.id],
      ]
    )
  })

  test('installments: over- and under-payment, due soon, overdue, non-payment', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const [first, second] = await putPlan(client, token, project.id, [
      { dueDate: '2025-06-01', amount: '1000.00' },
      { dueDate: '2025-07-01', amount: '1000.00' },
    ])
    const alerts = await evaluator()
    const at = async (asOf: string) => {
      await alerts.evaluateAll({ asOf, customerId: customer.id })
      return keys(customer.id)
    }
    assert.deepEqual(await at('2025-05-28'), [])
    assert.deepEqual(await at('2025-05-29'), ['installment_due_soon'])
    // A part paid before the due date is not yet an under-payment.
    await postReceipt(client, token, {
      customerId: customer.id,
      projectId: project.id,
      amount: '600.00',
      entryDate: '2025-05-30',
    })
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-05-30' })
    assert.deepEqual(await keys(customer.id), ['installment_due_soon'])
    assert.deepEqual(await at('2025-06-01'), ['installment_due_soon', 'installment_under_payment'])
    const [, under] = await alertsOf(customer.id)
    assert.equal(under.subjectId, first.id)
    assert.equal(under.params.difference, '¥400.00')
    // Nothing paid on the second: overdue from the day after, non-payment after 30 days.
    const later = async (asOf: string) => {
      const all = await at(asOf)
      return all.slice(2)
    }
    assert.deepEqual(await later('2025-07-02'), ['installment_overdue'])
    assert.deepEqual(await later('2025-07-30'), ['installment_overdue'])
    assert.deepEqual(await later('2025-07-31'), ['installment_overdue', 'installment_non_payment'])
    const rows = await alertsOf(customer.id)
    assert.isTrue(rows.slice(2).every((a) => a.subjectId === second.id))
    // 2,000 more pays the rest and over-pays the plan by 600, counted on the last installment.
    const receipt = await postReceipt(client, token, {
      customerId: customer.id,
      projectId: project.id,
      amount: '2000.00',
      entryDate: '2025-08-01',
    })
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-08-01', journal: receipt })
    const afterAll = await alertsOf(customer.id)
    const over = afterAll.at(-1)!
    assert.deepInclude(over, { messageKey: 'installment_over_payment', subjectId: second.id })
    assert.equal(over.params.difference, '¥600.00')
  })

  test('installments: a receipt matched explicitly counts on its installment only', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const [, second] = await putPlan(client, token, project.id, [
      { dueDate: '2025-06-01', amount: '1000.00' },
      { dueDate: '2025-07-01', amount: '1000.00' },
    ])
    const receipt = await postReceipt(client, token, {
      customerId: customer.id,
      projectId: project.id,
      amount: '1000.00',
      entryDate: '2025-05-20',
    })
    await expectStatus(
      postAs(client, token, `/api/v1/installments/${second.id}/receipts`, {
        journalId: receipt.id,
      }),
      201
    )
    const view = await getAs(
      client,
      token,
      `/api/v1/projects/${project.id}/installments?asOf=2025-06-02`
    )
    const [a, b] = view.body().installments
    assert.deepInclude(a, { paid: '0.00', state: 'unpaid', overdue: true })
    assert.deepInclude(b, { paid: '1000.00', state: 'paid' })
    assert.isTrue(b.receipts[0].explicit)
    const alerts = await evaluator()
    await alerts.evaluateAll({ asOf: '2025-06-02', customerId: customer.id })
    const raised = await alertsOf(customer.id)
    assert.deepEqual(
      raised.map((r) => [r.messageKey, r.subjectId]),
      [['installment_overdue', a.id]]
    )
    // A receipt of another customer cannot be matched.
    const other = await makeCustomer()
    const foreign = await postReceipt(client, token, {
      customerId: other.id,
      amount: '5.00',
      entryDate: '2025-05-20',
    })
    const refused = await postAs(client, token, `/api/v1/installments/${second.id}/receipts`, {
      journalId: foreign.id,
    })
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'journalId')
  })

  test('stale advance: money held more than 90 days without being applied', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const applied = await makeCustomer()
    for (const c of [customer, applied])
      await postReceipt(client, token, {
        customerId: c.id,
        amount: '800.00',
        entryDate: '2025-01-01',
      })
    await expectStatus(
      postAs(client, token, '/api/v1/applications', {
        customerId: applied.id,
        amount: '800.00',
        currency: 'CNY',
        documentType: 'invoice',
        documentNo: 'FP-9',
        entryDate: '2025-02-01',
      }),
      201
    )
    const alerts = await evaluator()
    for (const c of [customer, applied])
      await alerts.evaluateAll({ asOf: '2025-04-01', customerId: c.id })
    assert.deepEqual(await keys(customer.id), [])
    for (const c of [customer, applied])
      await alerts.evaluateAll({ asOf: '2025-04-02', customerId: c.id })
    const [stale] = await alertsOf(customer.id)
    assert.deepInclude(stale, { messageKey: 'stale_advance', subjectType: 'customer' })
    assert.equal(stale.params.amount, '¥800.00')
    assert.deepEqual(await keys(applied.id), [])
  })

  test('approval pending longer than 24 hours (reads approval_requests when it exists)', async ({
    assert,
  }) => {
    const customer = await makeCustomer()
    const checks = await app.container.make(RuleChecks)
    const rule: AlertRule = {
      id: 0,
      code: 'approval_pending',
      ruleType: 'approval_pending',
      severity: 'warning',
      params: { hours: 24 },
      sendEmail: false,
    }
    const now = new Date('2025-05-10T12:00:00Z')
    const findings = await runInTransaction(systemActor('test'), async (uow) => {
      // A session-local stand-in for the approvals module's table (issue 3).
      await uow.trx.rawQuery(
        `CREATE TEMP TABLE approval_requests (id bigint, status text, customer_id bigint,
           action_type text, created_at timestamptz) ON COMMIT DROP`
      )
      await uow.trx.rawQuery(
        `INSERT INTO approval_requests VALUES
           (901, 'pending', ?, 'refund', '2025-05-09T11:59:00Z'),
           (902, 'pending', ?, 'refund', '2025-05-09T12:01:00Z'),
           (903, 'approved', ?, 'refund', '2025-05-01T00:00:00Z')`,
        [customer.id, customer.id, customer.id]
      )
      return checks.findings(rule, {
        client: uow.trx,
        asOf: '2025-05-10',
        now,
        targets: [{ customerId: customer.id, asOf: '2025-05-10' }],
      })
    })
    assert.deepEqual(
      findings.map((f) => [f.subjectType, f.subjectId, f.messageKey]),
      [['approval', 901, 'approval_pending']]
    )
  })

  test('an overdraw attempt is recorded after the refused request rolled back', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer({ creditLimit: '100.00' })
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '50.00',
      entryDate: '2025-03-01',
    })
    const refused = await postAs(client, token, '/api/v1/refunds', {
      customerId: customer.id,
      amount: '50.01',
      currency: 'CNY',
    })
    refused.assertStatus(409)
    const row = await waitForAlert(customer.id, 'overdraw_attempt')
    assert.isNotNull(row)
    assert.equal(row.severity, 'critical')
    assert.equal(row.params.amount, '¥50.01')
    assert.equal(row.params.headroom, '¥50.00')
    const journals = await db.from('journals').where('customer_id', customer.id).count('* as n')
    assert.equal(Number(journals[0].n), 1)
  })
})
