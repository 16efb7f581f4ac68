import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { postReceipt } from '#tests/support/alerts'
import { outboxSettled } from '#tests/support/outbox'
import { startReceiver } from '#tests/support/webhook_receiver'
import { WebhookDeliverer } from '#modules/webhooks/services/webhook_deliverer'
import { sendWebhook } from '#modules/webhooks/services/webhook_sender'

const fast = () => new WebhookDeliverer({ backoff: { baseMs: 40, maxMs: 40 }, timeoutMs: 2000 })
const allowPrivate = (on: boolean) => env.set('WEBHOOK_ALLOW_PRIVATE', on)

test.group('Webhook URL safety (WEBHOOK_ALLOW_PRIVATE off)', (group) => {
  let cleanup: Array<() => Promise<unknown>> = []
  group.each.teardown(async () => {
    allowPrivate(true)
    for (const step of cleanup.reverse()) await step()
    cleanup = []
  })

  test('a subscription to a private, loopback or credentialed URL is a 422 that writes nothing', async ({
    client,
    assert,
  }) => {
    allowPrivate(false)
    const { token } = await makeUser('admin')
    const [{ n: before }] = await db.from('webhook_subscriptions').count('* as n')
    const cases: Array<[string, string]> = [
      ['http://127.0.0.1:9/hook', 'url_private_address'],
      ['http://[::ffff:127.0.0.1]/hook', 'url_private_address'],
      ['http://169.254.169.254/latest/meta-data', 'url_private_address'],
      ['http://10.0.0.5/hook', 'url_private_address'],
      ['http://[fd00::1]/hook', 'url_private_address'],
      ['http://localhost:3333/hook', 'url_private_address'],
      ['https://user:secret@erp.example.com/hook', 'url_credentials'],
    ]
    for (const [url, rule] of cases) {
      const response = await expectStatus(
        postAs(client, token, '/api/v1/webhooks', { url, events: ['journal.posted'] }),
        422
      )
      assert.deepInclude(response.body().errors[0], { field: 'url', rule }, url)
    }
    const [{ n: after }] = await db.from('webhook_subscriptions').count('* as n')
    assert.equal(Number(after), Number(before))
    // with the setting on, the same local receiver is accepted (the test suites' receivers)
    allowPrivate(true)
    const accepted = await expectStatus(
      postAs(client, token, '/api/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        events: ['journal.posted'],
        active: false,
      }),
      201
    )
    await db.from('webhook_subscriptions').where('id', accepted.body().id).delete()
  })

  test('delivery re-checks after DNS: a subscription now private is refused, then delivered when allowed', async ({
    client,
    assert,
  }) => {
    // events earlier tests left undispatched would fan out to this subscription too
    await outboxSettled()
    const receiver = await startReceiver()
    cleanup.push(() => receiver.close())
    const admin = await makeUser('admin')
    const { body } = await expectStatus(
      postAs(client, admin.token, '/api/v1/webhooks', {
        url: receiver.url,
        events: ['journal.posted'],
      }),
      201
    ).then((response) => ({ body: response.body() }))
    cleanup.push(() =>
      db.from('webhook_subscriptions').where('id', body.id).update({ active: false })
    )
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '10.00',
      entryDate: '2025-06-03',
    })
    await outboxSettled()

    allowPrivate(false)
    await fast().deliverDue()
    assert.lengthOf(receiver.received, 0)
    const [delivery] = await db.from('webhook_deliveries').where('subscription_id', body.id)
    assert.equal(delivery.status, 'pending')
    assert.isNull(delivery.last_status_code)
    assert.match(delivery.last_error, /^refused: .*non-public address/)

    allowPrivate(true)
    await db
      .from('webhook_deliveries')
      .where('id', delivery.id)
      .update({ next_attempt_at: new Date() })
    await fast().deliverDue()
    assert.lengthOf(receiver.received, 1)
    const [done] = await db.from('webhook_deliveries').where('id', delivery.id)
    assert.equal(done.status, 'delivered')
  })
})

test.group('Webhook sender: pinned address, no redirects, capped answers, time limits', (group) => {
  let servers: Array<{ close: () => void; closeAllConnections: () => void }> = []
  group.each.teardown(() => {
    servers.forEach((server) => (server.closeAllConnections(), server.close()))
    servers = []
  })

  /** A local server answering each request with `handler`. */
  async function serve(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler)
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  test('the host is resolved once and the socket connects to that answer (DNS rebinding)', async ({
    assert,
  }) => {
    let hits = 0
    const port = await serve((_request, response) => (hits++, response.end('ok')))
    const asked: string[] = []
    // first answer: the receiver; any later answer would point somewhere else entirely
    const rebinding = async (hostname: string) => {
      asked.push(hostname)
      return [{ address: asked.length === 1 ? '127.0.0.1' : '192.0.2.1', family: 4 }]
    }
    const result = await sendWebhook(`http://hooks.rebind.test:${port}/hook`, {}, '{}', {
      timeoutMs: 2000,
      allowPrivate: true,
      resolver: rebinding,
    })
    assert.deepInclude(result, { ok: true, statusCode: 200, excerpt: 'ok' })
    assert.deepEqual(asked, ['hooks.rebind.test'])
    assert.equal(hits, 1)

    const refused = await sendWebhook(`http://hooks.rebind.test:${port}/hook`, {}, '{}', {
      timeoutMs: 2000,
      allowPrivate: false,
      resolver: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '::ffff:127.0.0.1', family: 6 },
      ],
    })
    assert.isFalse(refused.ok)
    assert.match(refused.error!, /^refused:/)
    assert.equal(hits, 1)
  })

  test('a redirect is not followed; a huge answer is read up to 64 KiB; a hang times out', async ({
    assert,
  }) => {
    let followed = 0
    const port = await serve((request, response) => {
      if (request.url === '/moved') return void (followed++, response.end('followed'))
      if (request.url === '/big') {
        response.writeHead(200)
        const chunk = Buffer.alloc(16 * 1024, 'x')
        for (let i = 0; i < 640; i++) response.write(chunk) // 10 MiB offered
        return void response.end()
      }
      if (request.url === '/hang') return
      response.writeHead(302, { location: `/moved` }).end()
    })
    const options = { timeoutMs: 1500, allowPrivate: true }
    const redirected = await sendWebhook(`http://127.0.0.1:${port}/hook`, {}, '{}', options)
    assert.deepInclude(redirected, { ok: false, statusCode: 302, error: 'HTTP 302' })
    assert.equal(followed, 0)

    const big = await sendWebhook(`http://127.0.0.1:${port}/big`, {}, '{}', options)
    assert.deepInclude(big, { ok: true, statusCode: 200 })
    assert.equal(big.excerpt, 'x'.repeat(1024))

    const hung = await sendWebhook(`http://127.0.0.1:${port}/hang`, {}, '{}', options)
    assert.deepInclude(hung, { ok: false, statusCode: null, error: 'timed out' })
    assert.isAtLeast(hung.durationMs, 1400)
  })
})
