import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

/** One error class: how to provoke it, the answer's status, rule, field, and its two wordings. */
interface ErrorCase {
  name: string
  request: (client: ApiClient) => ApiRequest
  status: number
  rule: string
  field?: string
  zh: string | RegExp
  en: string | RegExp
}

/** The error of the answer this case is about (the named field's, else the first). */
function errorOf(body: any, field?: string) {
  const errors: Array<{ field: string | null; rule: string; message: string }> = body.errors
  return field ? errors.find((error) => error.field === field) : errors[0]
}

/** English with q-values: the caller prefers English to Chinese. */
const PREFERS_EN = 'fr;q=1, en;q=0.8, zh-CN;q=0.5'
const PREFERS_ZH = 'en;q=0.3, zh-CN;q=0.9'

test.group('API errors answer in the caller language (Accept-Language; zh-CN default)', () => {
  test('every error class: zh-CN by default, English on request, field and rule unchanged', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const sales = await makeUser('sales')
    const customer = await makeCustomer()
    const reference = unique('REF')
    await expectStatus(
      postAs(client, finance.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '10.00',
        currency: 'CNY',
        channel: 'bank_transfer',
        bankReference: reference,
      }),
      201
    )
    const key = unique('key')
    await expectStatus(
      postAs(
        client,
        finance.token,
        route('receipts.store'),
        {
          customerId: customer.id,
          amount: '1.00',
          currency: 'CNY',
          channel: 'cash',
        },
        key
      ),
      201
    )
    const locked = await makeUser('sales')
    for (let attempt = 1; attempt <= 5; attempt++) {
      await client
        .post(route('auth_tokens.store'))
        .json({ email: locked.user.email, password: 'x' })
    }
    const cases: ErrorCase[] = [
      {
        name: 'validation',
        request: (c) => c.post(route('receipts.store')).bearerToken(finance.token).json({}),
        status: 422,
        rule: 'required',
        field: 'customerId',
        zh: 'customerId 为必填项',
        en: 'The customerId field must be defined',
      },
      {
        name: 'ledger refusal',
        request: (c) =>
          postAs(c, finance.token, route('applications.store'), {
            customerId: customer.id,
            amount: '999.00',
            currency: 'CNY',
            documentType: 'invoice',
            documentNo: unique('INV'),
          }),
        status: 409,
        rule: 'insufficient_balance',
        field: 'amount',
        zh: '金额超出可用额度（11.00 CNY）',
        en: 'amount exceeds the headroom (11.00 CNY)',
      },
      {
        name: 'conflict',
        request: (c) =>
          postAs(c, finance.token, route('receipts.store'), {
            customerId: customer.id,
            amount: '10.00',
            currency: 'CNY',
            channel: 'bank_transfer',
            bankReference: reference,
          }),
        status: 409,
        rule: 'duplicate_receipt',
        field: 'bankReference',
        zh: new RegExp(`^该银行流水号已登记过到账（JV\\d+）$`),
        en: new RegExp(`^bank reference ${reference} is already registered on `),
      },
      {
        name: 'idempotency',
        request: (c) =>
          postAs(
            c,
            finance.token,
            route('receipts.store'),
            {
              customerId: customer.id,
              amount: '2.00',
              currency: 'CNY',
              channel: 'cash',
            },
            key
          ),
        status: 409,
        rule: 'idempotency_conflict',
        field: 'Idempotency-Key',
        zh: '该 Idempotency-Key 已用于另一个不同的请求',
        en: 'this Idempotency-Key was already used with a different request',
      },
      {
        name: 'unauthenticated',
        request: (c) => c.get(route('me.show')),
        status: 401,
        rule: 'unauthenticated',
        zh: '请先登录（未认证或令牌无效）',
        en: 'log in first (missing or invalid token)',
      },
      {
        name: 'forbidden',
        request: (c) => c.get(route('audit_logs.index')).bearerToken(sales.token),
        status: 403,
        rule: 'forbidden',
        zh: '您无权执行此操作',
        en: 'You are not allowed to do this',
      },
      {
        name: 'not found (route)',
        request: (c) => c.get('/api/v1/no-such-thing').bearerToken(finance.token),
        status: 404,
        rule: 'not_found',
        zh: '未找到所请求的资源',
        en: 'Not found',
      },
      {
        name: 'not found (record)',
        request: (c) =>
          c.get(route('customers.show', { id: 999999999 })).bearerToken(finance.token),
        status: 404,
        rule: 'not_found',
        zh: '未找到所请求的资源',
        en: 'customer not found',
      },
      {
        name: 'payload too large',
        request: (c) =>
          c
            .post(route('receipts.store'))
            .bearerToken(finance.token)
            .json({ memo: 'x'.repeat(1_100_000) }),
        status: 413,
        rule: 'payload_too_large',
        zh: '请求内容过大',
        en: 'the request body is too large',
      },
      {
        name: 'unsupported media type',
        request: (c) =>
          c.post(route('receipts.store')).bearerToken(finance.token).form({ amount: '1' }),
        status: 415,
        rule: 'unsupported_media_type',
        zh: '接口只接受 JSON 请求体（Content-Type: application/json）',
        en: 'the API accepts only JSON bodies (Content-Type: application/json)',
      },
      {
        name: 'too many requests',
        request: (c) =>
          c
            .post(route('auth_tokens.store'))
            .json({ email: locked.user.email, password: 'Secret#123' }),
        status: 429,
        rule: 'too_many_requests',
        zh: '请求过于频繁，请稍后再试',
        en: 'too many failed logins; try again later',
      },
    ]
    for (const errorCase of cases) {
      const answers = {
        none: await errorCase.request(client),
        zhPreferred: await errorCase.request(client).header('Accept-Language', PREFERS_ZH),
        en: await errorCase.request(client).header('Accept-Language', 'en'),
        enPreferred: await errorCase.request(client).header('Accept-Language', PREFERS_EN),
      }
      for (const [label, response] of Object.entries(answers)) {
        const where = `${errorCase.name} (${label}): ${response.text()}`
        assert.equal(response.status(), errorCase.status, where)
        const error = errorOf(response.body(), errorCase.field)
        assert.exists(error, where)
        assert.equal(error!.rule, errorCase.rule, where)
        assert.equal(error!.field, errorCase.field ?? null, where)
        if (label.startsWith('en')) {
          if (typeof errorCase.en === 'string') assert.equal(error!.message, errorCase.en, where)
          else assert.match(error!.message, errorCase.en, where)
          assert.equal(response.header('content-language'), 'en', where)
        } else {
          if (typeof errorCase.zh === 'string') assert.equal(error!.message, errorCase.zh, where)
          else assert.match(error!.message, errorCase.zh, where)
          assert.equal(response.header('content-language'), 'zh-CN', where)
        }
      }
    }
  })
})

test.group('Database conflicts answer 409, never 500', () => {
  test('a deadlock or serialization failure reads as a retryable conflict in both languages', async ({
    assert,
  }) => {
    const { apiAnswerFor } = await import('#exceptions/handler')
    for (const code of ['40P01', '40001']) {
      const error = Object.assign(new Error('deadlock detected'), { code })
      const zh = apiAnswerFor(error, 'zh-CN')
      const en = apiAnswerFor(error, 'en')
      assert.equal(zh?.status, 409)
      assert.equal(zh?.errors[0].rule, 'concurrent_conflict')
      assert.include(zh?.errors[0].message, '请重新提交')
      assert.include(en?.errors[0].message, 'send the request again')
      assert.notInclude(zh?.errors[0].message, 'deadlock')
    }
  })
})
