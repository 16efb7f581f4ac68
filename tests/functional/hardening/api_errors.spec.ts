import { test } from '@japa/runner'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'
import { baseUrl } from '#tests/support/browser'
import { makeCustomer, makeUser, writeCounters } from '#tests/support/fixtures'

const TWO_63 = '9223372036854775808'

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const { token, ...rest } = init
  const response = await fetch(`${baseUrl()}${path}`, {
    ...rest,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...(rest.headers as Record<string, string>),
    },
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

test.group('Hardening: API errors are JSON, never 500 for bad input, never a leak', () => {
  test('ids ≥ 2^63 in bodies, queries and paths; U+0000 in text; null and string bodies', async ({
    assert,
  }) => {
    const { token } = await makeUser('finance_manager')
    const customer = await makeCustomer()
    const before = await writeCounters()
    const receipt = (patch: string) =>
      `{"customerId":${customer.id},"amount":"1.00","currency":"CNY","channel":"cash"${patch}}`
    const cases: Array<[string, RequestInit, number, string | null]> = [
      [
        '/api/v1/receipts',
        { method: 'POST', body: receipt(`,"projectId":${TWO_63}`) },
        422,
        'projectId',
      ],
      ['/api/v1/receipts', { method: 'POST', body: receipt(`,"memo":"a\\u0000b"`) }, 422, 'memo'],
      [
        '/api/v1/customers',
        { method: 'POST', body: '{"code":"X\\u0000","name":"n","defaultCurrency":"CNY"}' },
        422,
        'code',
      ],
      [`/api/v1/approvals?customerId=${TWO_63}`, {}, 422, 'customerId'],
      [`/api/v1/alerts?customerId=${TWO_63}`, {}, 422, 'customerId'],
      ['/api/v1/customers?q=a%00b', {}, 422, 'q'],
      [`/api/v1/customers?page=${TWO_63}`, {}, 422, 'page'],
      [`/api/v1/customers/${TWO_63}`, {}, 404, null],
      [`/api/v1/journals/${TWO_63}/reverse`, { method: 'POST', body: '{"reason":"x"}' }, 404, null],
      ['/api/v1/receipts', { method: 'POST', body: 'null' }, 422, null],
      ['/api/v1/receipts', { method: 'POST', body: '"text"' }, 422, null],
      ['/api/v1/receipts', { method: 'POST', body: '{"broken":' }, 400, null],
      ['/api/v1/nowhere', {}, 404, null],
      ['/api/v1/customers', { method: 'DELETE' }, 404, null],
    ]
    for (const [path, init, status, field] of cases) {
      const response = await call(path, { ...init, token })
      const label = `${init.method ?? 'GET'} ${path} ${String(init.body ?? '')}`
      assert.equal(response.status, status, `${label}: ${response.text}`)
      assert.include(response.headers.get('content-type'), 'application/json', label)
      const [error] = JSON.parse(response.text).errors
      assert.property(error, 'field', label)
      if (field) assert.equal(error.field, field, label)
      assert.isString(error.rule, label)
    }
    assert.deepEqual(await writeCounters(), before)
  })

  test('413 and 415 are JSON; every response says nosniff', async ({ assert }) => {
    const { token } = await makeUser('finance')
    const big = await call('/api/v1/receipts', {
      method: 'POST',
      token,
      body: JSON.stringify({ memo: 'x'.repeat(1_100_000) }),
    })
    assert.equal(big.status, 413)
    assert.equal(JSON.parse(big.text).errors[0].rule, 'payload_too_large')
    const form = await call('/api/v1/receipts', {
      method: 'POST',
      token,
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(form.status, 415)
    for (const response of [big, form, await call('/health'), await call('/api/v1/me')]) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
    }
  })

  test('an unexpected error under /api is a JSON 500 with the request id, no SQL or stack, in any mode', async ({
    assert,
  }) => {
    const req = new IncomingMessage(new Socket())
    req.url = '/api/v1/receipts'
    req.method = 'POST'
    req.headers = { 'x-request-id': 'req-1', 'accept': 'text/html', 'accept-language': 'en' }
    const res = new ServerResponse(req)
    const ctx = await testUtils.createHttpContext({ req, res })
    const handler = new HttpExceptionHandler()
    ;(handler as any).debug = true // development mode: still no leak under /api
    const error = Object.assign(new Error('insert into "journals" ... violates check constraint'), {
      code: '23514',
    })
    await handler.handle(error, ctx)
    assert.equal(ctx.response.getStatus(), 500)
    const body = ctx.response.getBody()
    assert.deepEqual(body, {
      errors: [
        { field: null, rule: 'internal_error', message: 'internal error (request id req-1)' },
      ],
    })
  })
})
