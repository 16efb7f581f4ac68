import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { alertsOf, evaluator, postReceipt, putPlan, setThreshold } from '#tests/support/alerts'
import { route } from '#tests/support/route'

/** docs/domain.md's month: exactly a due reminder, an under-payment and a low balance. */
test.group('Alerts: the worked month of 华东机械', () => {
  test('produces exactly its three alerts, and no duplicates when evaluated again', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const sales = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: sales.user.id })
    await setThreshold(customer.id, '200000')
    const project = await makeProject(customer.id)
    await db
      .from('projects')
      .where('id', project.id)
      .update({ code: 'HT-2026-017', contract_amount: '1200000' })
    const plan = await putPlan(client, token, project.id, [
      { dueDate: '2025-11-01', amount: '400000.00' },
      { dueDate: '2025-12-01', amount: '400000.00' },
      { dueDate: '2026-01-01', amount: '400000.00' },
    ])
    assert.deepEqual(
      plan.map((i) => i.seq),
      [1, 2, 3]
    )
    const alerts = await evaluator()
    const base = { customerId: customer.id, projectId: project.id, currency: 'CNY' }

    // 29 Oct: reminder "installment due in 3 days".
    const reminder = await alerts.evaluateAll({ asOf: '2025-10-29', customerId: customer.id })
    assert.lengthOf(reminder, 1)
    assert.equal(reminder[0].ruleType, 'installment_due_soon')
    assert.equal(reminder[0].subjectId, plan[0].id)
    assert.include(reminder[0].messages.en, 'due in 3 days')
    assert.include(
      reminder[0].messages['zh-CN'],
      '第 1 期 ¥400,000.00 将于 2025-11-01 到期（3 天后）'
    )

    // 1 Nov: ¥380,000 arrives → under-payment of ¥20,000 against installment 1.
    const receipt = await postReceipt(client, token, {
      ...base,
      amount: '380000.00',
      bankReference: `WM-${customer.id}`,
      entryDate: '2025-11-01',
    })
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-11-01', journal: receipt })

    // 5 Nov: application ¥150,000 → ¥230,000, still above the line.
    const application = await expectStatus(
      postAs(client, token, route('applications.store'), {
        ...base,
        amount: '150000.00',
        documentType: 'invoice',
        documentNo: 'FP-0001',
        entryDate: '2025-11-05',
      }),
      201
    )
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-11-05', journal: application.body() })
    const soFar = await alertsOf(customer.id)
    assert.deepEqual(
      soFar.map((a) => a.ruleType),
      ['installment_due_soon', 'installment_under_payment']
    )

    // 20 Nov: refund ¥50,000 (requested, approved by the finance manager) → ¥180,000 < ¥200,000.
    const { result: refund } = await submitAndApprove(
      client,
      token,
      manager.token,
      route('refunds.store'),
      {
        ...base,
        amount: '50000.00',
        reason: '客户申请退款',
        entryDate: '2025-11-20',
      }
    )
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-11-20', journal: refund })

    const expected = [
      ['installment_due_soon', 'installment_due_soon', 'installment', plan[0].id],
      ['installment_under_payment', 'installment_under_payment', 'installment', plan[0].id],
      ['low_balance', 'low_balance', 'customer', customer.id],
    ]
    const summary = async () => {
      const rows = await alertsOf(customer.id)
      return rows.map((a) => [a.ruleType, a.messageKey, a.subjectType, a.subjectId])
    }
    assert.deepEqual(await summary(), expected)
    const raised = await alertsOf(customer.id)
    assert.equal(raised[1].params.difference, '¥20,000.00')
    assert.equal(raised[1].params.paid, '¥380,000.00')
    assert.equal(raised[2].params.balance, '¥180,000.00')
    assert.equal(raised[2].params.threshold, '¥200,000.00')

    // Evaluating again (posting-time and scheduled, on several dates, concurrently) adds nothing.
    await Promise.all([
      alerts.evaluateCustomer(customer.id, { asOf: '2025-11-20' }),
      alerts.evaluateCustomer(customer.id, { asOf: '2025-11-20' }),
      alerts.evaluateAll({ asOf: '2025-10-29', customerId: customer.id }),
      alerts.evaluateAll({ asOf: '2025-11-20', customerId: customer.id }),
      alerts.evaluateAll({ asOf: '2025-11-20', customerId: customer.id }),
    ])
    assert.deepEqual(await summary(), expected)

    // Each opening is in the operation log, by the system actor 'alerts'.
    const audit = await db
      .from('audit_logs')
      .where('entity_type', 'alert')
      .whereIn(
        'entity_id',
        raised.map((a) => String(a.id))
      )
      .select('action', 'ip')
    assert.lengthOf(audit, 3)
    assert.isTrue(audit.every((row: any) => row.action === 'open' && row.ip === 'alerts'))

    // The installment view shows the same picture.
    const view = await getAs(
      client,
      token,
      `${route('projects.installments.show', { id: project.id })}?asOf=2025-11-20`
    )
    view.assertStatus(200)
    const [first, second] = view.body().installments
    assert.deepInclude(first, {
      seq: 1,
      amount: '400000.00',
      paid: '380000.00',
      outstanding: '20000.00',
      underPayment: '20000.00',
      overPayment: '0.00',
      state: 'partial',
    })
    assert.equal(first.receipts[0].journalId, receipt.id)
    assert.deepInclude(second, { seq: 2, paid: '0.00', outstanding: '400000.00', state: 'unpaid' })
    assert.deepEqual(view.body().totals, {
      amount: '1200000.00',
      paid: '380000.00',
      outstanding: '820000.00',
    })
  })
})
