import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { reactionsSettled } from '#kernel/unit_of_work'
import { evaluator, postReceipt, setThreshold } from '#tests/support/alerts'
import { expectStatus, postAs } from '#tests/support/api'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'

test.group('Hardening: small ones', () => {
  test('a low-balance alert carries the date the line was crossed, not the pass’s first posting', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await postReceipt(client, token, {
      customerId: customer.id,
      amount: '230000.00',
      entryDate: '2025-11-01',
    })
    const small = await postReceipt(client, token, {
      customerId: customer.id,
      amount: '10.00',
      entryDate: '2025-11-09',
    })
    const applied = await expectStatus(
      postAs(client, token, '/api/v1/applications', {
        customerId: customer.id,
        amount: '50010.00',
        currency: 'CNY',
        documentType: 'invoice',
        documentNo: unique('FP'),
        entryDate: '2025-11-20',
      }),
      201
    )
    await reactionsSettled()
    await setThreshold(customer.id, '200000')
    // One pass covering both postings, the 9 Nov one first (balance then 230,010).
    const alerts = await evaluator()
    await alerts.evaluatePostings([small, applied.body()])
    const alert = await db
      .from('alerts')
      .where({ customer_id: customer.id, rule_type: 'low_balance' })
      .firstOrFail()
    assert.equal(alert.params.balance, '¥180,000.00')
    const asOf = await db.rawQuery('SELECT as_of::text AS d FROM alerts WHERE id = ?', [alert.id])
    assert.equal(asOf.rows[0].d, '2025-11-20')
  })

  test('an idempotent replay returns the stored response byte for byte', async ({ assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const { baseUrl } = await import('#tests/support/browser')
    const key = unique('key')
    const post = () =>
      fetch(`${baseUrl()}/api/v1/receipts`, {
        method: 'POST',
        headers: {
          'authorization': `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({
          customerId: customer.id,
          amount: '12.50',
          currency: 'CNY',
          channel: 'cash',
          memo: '顺序 {"b":1,"a":2} 保持',
        }),
      })
    const first = await post()
    const firstText = await first.text()
    const replay = await post()
    const replayText = await replay.text()
    assert.equal(first.status, 201)
    assert.equal(replay.status, 201)
    assert.equal(replay.headers.get('idempotent-replayed'), 'true')
    assert.equal(replayText, firstText)
    // jsonb would have reordered the keys (shorter keys first): the stored text is the answer's own.
    const stored = await db.from('idempotency_keys').where('key', key).firstOrFail()
    assert.equal(stored.response_text, firstText)
  })
})
