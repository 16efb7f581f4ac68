import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { postReceipt } from '#tests/support/alerts'
import { outboxSettled } from '#tests/support/outbox'
import { startReceiver } from '#tests/support/webhook_receiver'
import { WebhookDeliverer } from '#modules/webhooks/services/webhook_deliverer'
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '#modules/webhooks/services/webhook_signature'
import { route } from '#tests/support/route'

/** Retries due after 40 ms in these tests (24 h of real backoff is the default). */
const fast = () => new WebhookDeliverer({ backoff: { baseMs: 40, maxMs: 40 }, timeoutMs: 2000 })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function subscribe(client: any, token: string, url: string, events = ['journal.posted']) {
  const response = await expectStatus(
    postAs(client, token, route('webhooks.store'), { url, events, description: 'test receiver' }),
    201
  )
  return response.body() as { id: number; secret: string; url: string }
}

const deliveriesOf = (subscriptionId: number) =>
  db.from('webhook_deliveries').where('subscription_id', subscriptionId).orderBy('id')

test.group('Webhooks: subscriptions', () => {
  test('admin CRUD: secret generated, shown, rotated; never in the audit log', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('admin')
    const created = await subscribe(client, token, 'https://erp.example.com/hooks')
    assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{32}$/)
    const shown = await expectStatus(
      getAs(client, token, route('webhooks.show', { id: created.id })),
      200
    )
    assert.equal(shown.body().secret, created.secret)
    const listed = await expectStatus(getAs(client, token, route('webhooks.index')), 200)
    const inList = listed.body().data.find((s: any) => s.id === created.id)
    assert.notProperty(inList, 'secret')
    assert.equal(inList.secretHint, `…${created.secret.slice(-4)}`)

    const rotated = await expectStatus(
      postAs(client, token, route('webhooks.rotate_secret', { id: created.id }), {}),
      200
    )
    assert.notEqual(rotated.body().secret, created.secret)
    const patched = await expectStatus(
      client
        .patch(route('webhooks.update', { id: created.id }))
        .bearerToken(token)
        .json({ active: false, events: ['*'] }),
      200
    )
    assert.deepEqual([patched.body().active, patched.body().events], [false, ['*']])

    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'webhook_subscription', entity_id: String(created.id) })
      .orderBy('id')
    assert.deepEqual(
      audit.map((row: any) => row.action),
      ['create', 'rotate_secret', 'update']
    )
    const text = JSON.stringify(audit)
    assert.notInclude(text, created.secret)
    assert.notInclude(text, rotated.body().secret)

    await expectStatus(
      client.delete(route('webhooks.destroy', { id: created.id })).bearerToken(token),
      204
    )
    await expectStatus(getAs(client, token, route('webhooks.show', { id: created.id })), 404)
  })

  test('refuses non-http(s) receivers, unknown event types and non-admins', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('admin')
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'x']) {
      const response = await expectStatus(
        postAs(client, token, route('webhooks.store'), { url, events: ['journal.posted'] }),
        422
      )
      assert.equal(response.body().errors[0].field, 'url')
    }
    const badType = await expectStatus(
      postAs(client, token, route('webhooks.store'), {
        url: 'https://example.com',
        events: ['journal.deleted'],
      }),
      422
    )
    assert.equal(badType.body().errors[0].field, 'events.0')
    const finance = await makeUser('finance')
    await expectStatus(getAs(client, finance.token, route('webhooks.index')), 403)
    await expectStatus(
      postAs(client, finance.token, route('webhooks.store'), {
        url: 'https://example.com',
        events: ['*'],
      }),
      403
    )
  })
})

test.group('Webhooks: deliveries to a real receiver', (group) => {
  let cleanup: Array<() => Promise<unknown>> = []
  group.each.teardown(async () => {
    for (const step of cleanup.reverse()) await step()
    cleanup = []
  })

  test('a posting is delivered once, signed over timestamp.body, with the event id', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver()
    cleanup.push(() => receiver.close())
    const admin = await makeUser('admin')
    const { token } = await makeUser('finance')
    const subscription = await subscribe(client, admin.token, receiver.url)
    cleanup.push(() =>
      db.from('webhook_subscriptions').where('id', subscription.id).update({ active: false })
    )
    const customer = await makeCustomer()
    const journal = await postReceipt(client, token, {
      customerId: customer.id,
      amount: '1234.50',
      entryDate: '2025-06-03',
    })
    await outboxSettled()
    await fast().deliverDue()

    assert.lengthOf(receiver.received, 1)
    const [request] = receiver.received
    const timestamp = request.headers[TIMESTAMP_HEADER] as string
    const header = request.headers[SIGNATURE_HEADER] as string
    assert.isTrue(verifySignature(subscription.secret, timestamp, request.body, header))
    assert.isFalse(verifySignature(subscription.secret, timestamp, request.body + ' ', header))
    assert.isFalse(verifySignature('whsec_other', timestamp, request.body, header))
    assert.deepEqual(Object.keys(request.json), ['id', 'type', 'createdAt', 'data'])
    assert.equal(request.json.type, 'journal.posted')
    assert.equal(request.headers[EVENT_ID_HEADER], request.json.id)
    assert.include(request.json.data, {
      id: journal.id,
      journalNo: journal.journalNo,
      customerId: customer.id,
      amount: '1234.50',
      currency: 'CNY',
      entryDate: '2025-06-03',
    })
    const event = await db.from('outbox_events').where('id', request.json.id).first()
    assert.equal(event.type, 'journal.posted')

    const [delivery] = await deliveriesOf(subscription.id)
    assert.equal(delivery.status, 'delivered')
    const listed = await expectStatus(
      getAs(
        client,
        admin.token,
        `${route('webhooks.deliveries', { id: subscription.id })}?status=delivered`
      ),
      200
    )
    assert.deepEqual(
      listed.body().data.map((d: any) => [d.eventId, d.eventType, d.status, d.lastStatusCode]),
      [[request.json.id, 'journal.posted', 'delivered', 200]]
    )
    await expectStatus(
      getAs(
        client,
        admin.token,
        `${route('webhooks.deliveries', { id: subscription.id })}?status=lost`
      ),
      422
    )
    const log = await expectStatus(
      getAs(client, admin.token, route('webhook_deliveries.show', { id: delivery.id })),
      200
    )
    assert.lengthOf(log.body().attemptLog, 1)
    assert.equal(log.body().attemptLog[0].statusCode, 200)
    assert.isAtLeast(log.body().attemptLog[0].durationMs, 0)
  })

  test('receiver down: retried with backoff, delivered once it is back; dead after its window; redelivered by hand', async ({
    client,
    assert,
  }) => {
    const first = await startReceiver()
    const port = first.port
    const url = first.url
    await first.close() // nothing listens: connection refused
    const admin = await makeUser('admin')
    const { token } = await makeUser('finance')
    const subscription = await subscribe(client, admin.token, url)
    cleanup.push(() =>
      db.from('webhook_subscriptions').where('id', subscription.id).update({ active: false })
    )
    const customer = await makeCustomer()
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '10.00',
      entryDate: '2025-06-03',
    })
    await outboxSettled()
    // Real backoff (1 min, doubling); "time passes" by making the delivery due.
    const deliverer = new WebhookDeliverer({ backoff: { baseMs: 60_000, maxMs: 3_600_000 } })
    const waitOf = async (id: number) => {
      const result = await db.rawQuery(
        'SELECT extract(epoch FROM next_attempt_at - now()) AS s FROM webhook_deliveries WHERE id = ?',
        [id]
      )
      return Number(result.rows[0].s)
    }
    const timePasses = (id: number) =>
      db.from('webhook_deliveries').where('id', id).update({ next_attempt_at: new Date() })
    await deliverer.deliverDue()
    let [delivery] = await deliveriesOf(subscription.id)
    assert.deepEqual(
      [delivery.status, delivery.attempts, delivery.last_status_code],
      ['pending', 1, null]
    )
    assert.isNotNull(delivery.last_error)
    assert.closeTo(await waitOf(delivery.id), 60, 10)
    // Not due yet: another round attempts nothing.
    assert.equal(await deliverer.deliverDue(), 0)

    const back = await startReceiver(port)
    cleanup.push(() => back.close())
    back.answerWith(() => 503)
    await timePasses(delivery.id)
    await deliverer.deliverDue()
    ;[delivery] = await deliveriesOf(subscription.id)
    assert.deepEqual(
      [delivery.status, delivery.attempts, delivery.last_status_code],
      ['pending', 2, 503]
    )
    assert.closeTo(await waitOf(delivery.id), 120, 10)

    back.answerWith(() => 200)
    await timePasses(delivery.id)
    await deliverer.deliverDue()
    ;[delivery] = await deliveriesOf(subscription.id)
    assert.deepEqual([delivery.status, delivery.attempts], ['delivered', 3])
    assert.lengthOf(back.received, 2)
    assert.equal(back.received[0].json.id, back.received[1].json.id)
    await timePasses(delivery.id)
    assert.equal(await deliverer.deliverDue(), 0, 'a delivered event is not sent again')

    // A second posting whose retry window runs out dies, and an admin sends it again.
    back.answerWith(() => 500)
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '11.00',
      entryDate: '2025-06-03',
    })
    await outboxSettled()
    const [, second] = await deliveriesOf(subscription.id)
    await db
      .from('webhook_deliveries')
      .where('id', second.id)
      .update({ retry_until: new Date(Date.now() + 20) })
    await deliverer.deliverDue()
    const dead = await db.from('webhook_deliveries').where('id', second.id).first()
    assert.equal(dead.status, 'dead')
    back.answerWith(() => 204)
    await expectStatus(
      postAs(client, admin.token, route('webhook_deliveries.redeliver', { id: second.id }), {}),
      202
    )
    await deliverer.deliverDue()
    const redelivered = await db.from('webhook_deliveries').where('id', second.id).first()
    assert.equal(redelivered.status, 'delivered')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'webhook_delivery', entity_id: String(second.id) })
    assert.deepEqual(
      audit.map((row: any) => row.action),
      ['redeliver']
    )
  })

  test('one customer in order: event N+1 waits while N is retried', async ({ client, assert }) => {
    const receiver = await startReceiver()
    cleanup.push(() => receiver.close())
    const admin = await makeUser('admin')
    const { token } = await makeUser('finance')
    const subscription = await subscribe(client, admin.token, receiver.url)
    cleanup.push(() =>
      db.from('webhook_subscriptions').where('id', subscription.id).update({ active: false })
    )
    const customer = await makeCustomer()
    const other = await makeCustomer()
    const first = await postReceipt(client, token, {
      customerId: customer.id,
      amount: '1.00',
      entryDate: '2025-06-03',
    })
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '2.00',
      entryDate: '2025-06-03',
    })
    await postReceipt(client, token, {
      customerId: other.id,
      amount: '3.00',
      entryDate: '2025-06-03',
    })
    await outboxSettled()
    let failFirst = true
    receiver.answerWith((request) => (failFirst && request.json.data.id === first.id ? 500 : 200))
    const deliverer = fast()
    await deliverer.deliverDue()
    // The first failed; the second (same customer) was not attempted; the other customer went.
    assert.sameMembers(
      receiver.received.map((r) => r.json.data.amount),
      ['1.00', '3.00']
    )
    failFirst = false
    await sleep(60)
    await deliverer.deliverDue()
    const ofCustomer = receiver.received
      .filter((r) => r.json.data.customerId === customer.id)
      .map((r) => r.json.data.amount)
    assert.deepEqual(ofCustomer, ['1.00', '1.00', '2.00'])
  })

  test('a worker killed mid-delivery: delivered afterwards with the same event id', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver()
    cleanup.push(() => receiver.close())
    const admin = await makeUser('admin')
    const { token } = await makeUser('finance')
    const subscription = await subscribe(client, admin.token, receiver.url)
    cleanup.push(() =>
      db.from('webhook_subscriptions').where('id', subscription.id).update({ active: false })
    )
    const customer = await makeCustomer()
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '77.00',
      entryDate: '2025-06-03',
    })
    await outboxSettled()

    receiver.answerWith(() => 'hang') // the worker waits for an answer that never comes
    const worker = await startWorker()
    cleanup.push(async () => worker.kill('SIGKILL'))
    await receiver.waitFor(1)
    worker.kill('SIGKILL')
    await new Promise((resolve) => worker.once('exit', resolve))

    receiver.answerWith(() => 200)
    // The killed worker's transaction is gone with its connection: the delivery is free again.
    let delivered = false
    for (let round = 0; round < 50 && !delivered; round++) {
      await fast().deliverDue()
      const [delivery] = await deliveriesOf(subscription.id)
      delivered = delivery.status === 'delivered'
      if (!delivered) await sleep(100)
    }
    assert.isTrue(delivered)
    assert.lengthOf(receiver.received, 2)
    assert.equal(receiver.received[0].json.id, receiver.received[1].json.id)
    assert.equal(receiver.received[0].headers[EVENT_ID_HEADER], receiver.received[1].json.id)
  }).timeout(60_000)
})

/** `node ace outbox:work` as a child process on the test database. */
async function startWorker() {
  const { spawn } = await import('node:child_process')
  const child = spawn(process.execPath, ['ace.js', 'outbox:work'], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return child
}
