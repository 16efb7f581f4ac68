import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { alertsOf, customerWithAlert, postReceipt, setThreshold } from '#tests/support/alerts'
import { outboxSettled } from '#tests/support/outbox'
import { outboxDispatcher } from '#modules/outbox/outbox_dispatcher'
import { onOutboxWritten } from '#modules/outbox/outbox_signal'
import { route } from '#tests/support/route'

const eventsAbout = (type: string, key: string, id: number) =>
  db.from('outbox_events').where('type', type).whereRaw(`(data->>?)::bigint = ?`, [key, id])

/** `node ace outbox:work --once` in a child process on the test database: a worker's round. */
function workerRound() {
  return new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['ace.js', 'outbox:work', '--once'], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.on('exit', resolve)
  })
}

test.group('Outbox', () => {
  test('a posting writes its event in its own statement; a refused one writes none', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const journal = await postReceipt(client, token, {
      customerId: customer.id,
      amount: '300.00',
      entryDate: '2025-06-10',
    })
    const [event] = await eventsAbout('journal.posted', 'id', journal.id)
    assert.equal(event.ordering_key, `customer:${customer.id}`)
    assert.include(event.data, {
      journalNo: journal.journalNo,
      kind: 'receipt',
      amount: '300.00',
      balanceEffect: '300.00',
      baseAmount: '300.00',
      channel: 'bank_transfer',
    })
    const before = await db.from('outbox_events').count('* as n')
    await expectStatus(
      postAs(client, token, route('refunds.store'), {
        customerId: customer.id,
        amount: '900.00',
        currency: 'CNY',
        entryDate: '2025-06-10',
      }),
      409
    )
    const after = await db.from('outbox_events').count('* as n')
    assert.equal(Number(after[0].n), Number(before[0].n))
  })

  test('a process dying after the commit loses no alert check: a worker raises it', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await setThreshold(customer.id, '1000')
    await outboxSettled()
    // This process commits and "dies" before it dispatches: nothing wakes its dispatcher.
    onOutboxWritten(() => Promise.resolve())
    let journal
    try {
      journal = await postReceipt(client, token, {
        customerId: customer.id,
        amount: '10.00',
        entryDate: '2025-06-10',
      })
    } finally {
      onOutboxWritten(() => outboxDispatcher.wake())
    }
    const [event] = await eventsAbout('journal.posted', 'id', journal.id)
    assert.isNull(event.dispatched_at)
    assert.deepEqual(await alertsOf(customer.id), [])

    assert.equal(await workerRound(), 0)
    const alerts = await alertsOf(customer.id)
    assert.deepEqual(
      alerts.map((alert) => alert.ruleType),
      ['low_balance']
    )
    const [dispatched] = await eventsAbout('journal.posted', 'id', journal.id)
    assert.isNotNull(dispatched.dispatched_at)
    const [opened] = await eventsAbout('alert.opened', 'id', alerts[0].id)
    assert.equal(opened.ordering_key, `customer:${customer.id}`)
  }).timeout(60_000)

  test('alert resolutions and approvals are events of their transactions', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const { alert } = await customerWithAlert(client, token)
    await expectStatus(postAs(client, token, route('alerts.resolve', { id: alert.id }), {}), 200)
    const [resolved] = await eventsAbout('alert.resolved', 'id', alert.id)
    assert.equal(resolved.data.status, 'resolved')

    const customer = await makeCustomer()
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '500.00',
      entryDate: '2025-06-10',
    })
    const requested = await expectStatus(
      postAs(client, token, route('refunds.store'), {
        customerId: customer.id,
        amount: '100.00',
        currency: 'CNY',
        entryDate: '2025-06-10',
      }),
      202
    )
    const approvalId = requested.body().id
    const [event] = await eventsAbout('approval.requested', 'id', approvalId)
    assert.equal(event.ordering_key, `customer:${customer.id}`)
    const manager = await makeUser('finance_manager')
    await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: approvalId }), {}),
      200
    )
    const [decided] = await eventsAbout('approval.decided', 'id', approvalId)
    assert.equal(decided.data.decision, 'approve')
  })
})
