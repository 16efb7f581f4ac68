import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { companyToday } from '#kernel/company'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { alertsOf, evaluator, postReceipt, putPlan, setThreshold } from '#tests/support/alerts'

const today = () => companyToday()
const daysFrom = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate()!

async function resolution(alertId: number) {
  const row = await db.from('alerts').where('id', alertId).firstOrFail()
  const audit = await db
    .from('audit_logs')
    .where({ entity_type: 'alert', entity_id: String(alertId), action: 'resolve' })
    .first()
  const event = await db
    .from('outbox_events')
    .where('type', 'alert.resolved')
    .whereRaw(`(data->>'id')::bigint = ?`, [alertId])
    .first()
  return { row, audit, event }
}

test.group('Alerts resolve themselves when their condition no longer holds', () => {
  test('a low balance alert clears when a receipt brings the balance back above the line', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await setThreshold(customer.id, '1000')
    const alerts = await evaluator()
    const low = await postReceipt(client, token, {
      customerId: customer.id,
      amount: '100.00',
      entryDate: today(),
    })
    await alerts.evaluateCustomer(customer.id, { journal: low })
    const [opened] = await alertsOf(customer.id)
    assert.include(opened, { ruleType: 'low_balance', status: 'open' })

    const topUp = await postReceipt(client, token, {
      customerId: customer.id,
      amount: '5000.00',
      entryDate: today(),
    })
    await alerts.evaluateCustomer(customer.id, { journal: topUp })
    const { row, audit, event } = await resolution(opened.id)
    assert.equal(row.status, 'resolved')
    assert.equal(row.resolved_reason, 'condition_cleared')
    assert.isNull(row.resolved_by, 'resolved by the system, not a person')
    assert.equal(audit.ip, 'alerts')
    assert.equal(audit.after.resolvedReason, 'condition_cleared')
    assert.exists(event, 'alert.resolved is announced through the outbox')

    // an evaluation of a past day records the past; it does not reopen or clear anything today
    await alerts.evaluateCustomer(customer.id, { asOf: daysFrom(today(), -1) })
    const unresolved = await alertsOf(customer.id)
    assert.lengthOf(
      unresolved.filter((a) => a.status !== 'resolved'),
      0
    )
  })

  test('an installment paid in part supersedes "nothing paid"; a due reminder clears once overdue', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const alerts = await evaluator()
    // installment 1 fell due 40 days ago and nothing is paid; installment 2 is due in three days
    const [first, second] = await putPlan(client, token, project.id, [
      { dueDate: daysFrom(today(), -40), amount: '200000.00' },
      { dueDate: daysFrom(today(), 3), amount: '100000.00' },
    ])
    await alerts.evaluateAll({ customerId: customer.id })
    const before = await alertsOf(customer.id)
    const nothingPaid = before.filter((a) => a.subjectId === first.id && a.status === 'open')
    assert.sameMembers(
      nothingPaid.map((a) => a.ruleType),
      ['installment_overdue', 'installment_non_payment']
    )
    const reminder = before.find((a) => a.subjectId === second.id)!
    assert.equal(reminder.ruleType, 'installment_due_soon')

    // ¥150,000 arrives on the project today: installment 1 is now paid in part
    const receipt = await postReceipt(client, token, {
      customerId: customer.id,
      projectId: project.id,
      amount: '150000.00',
      entryDate: today(),
    })
    await alerts.evaluateCustomer(customer.id, { journal: receipt })
    const after = await alertsOf(customer.id)
    const openOnFirst = after.filter((a) => a.subjectId === first.id && a.status === 'open')
    assert.deepEqual(
      openOnFirst.map((a) => a.ruleType),
      ['installment_under_payment'],
      'never "nothing paid" beside "paid ¥150,000"'
    )
    for (const gone of nothingPaid) {
      const { row } = await resolution(gone.id)
      assert.equal(row.status, 'resolved')
      assert.include(['superseded', 'condition_cleared'], row.resolved_reason)
    }

    // a month later the second installment is overdue: the due reminder no longer holds
    await alerts.evaluateAll({ customerId: customer.id, asOf: daysFrom(today(), 30) })
    const { row } = await resolution(reminder.id)
    assert.equal(row.status, 'resolved')
    assert.equal(row.resolved_reason, 'condition_cleared')
  })

  test('event alerts (a duplicate receipt) stay until a person resolves them', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const alerts = await evaluator()
    const body = { customerId: customer.id, amount: '888.00', entryDate: today() }
    await postReceipt(client, token, body)
    const twice = await postReceipt(client, token, body)
    await alerts.evaluateCustomer(customer.id, { journal: twice })
    await alerts.evaluateAll({ customerId: customer.id })
    const raised = await alertsOf(customer.id)
    const duplicate = raised.find((a) => a.ruleType === 'duplicate_receipt')
    assert.exists(duplicate)
    assert.equal(duplicate!.status, 'open')
  })
})
