import { test } from '@japa/runner'
import { baseUrl } from '#tests/support/browser'
import db from '@adonisjs/lucid/services/db'
import { makeBankAccount } from '#tests/support/banking'
import { makeCustomer, makeUser, writeCounters } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

/** Logs in at the panel like a browser; returns the Cookie header it would send afterwards. */
async function panelCookie(email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  })
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0])
  if (!cookies.length) throw new Error(`panel login gave no cookie (${response.status})`)
  return cookies.join('; ')
}

test.group('Hardening: the API takes bearer tokens and JSON only (CSRF)', () => {
  test('a panel session cookie with a foreign Origin and a form body posts nothing', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const customer = await makeCustomer()
    const cookie = await panelCookie(user.email, password)
    const before = await writeCounters()
    const receipt = {
      customerId: String(customer.id),
      amount: '100.00',
      currency: 'CNY',
      channel: 'bank_transfer',
    }

    const form = await fetch(`${baseUrl()}${route('receipts.store')}`, {
      method: 'POST',
      headers: {
        'cookie': cookie,
        'origin': 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(receipt).toString(),
    })
    assert.equal(form.status, 415)
    const formAnswer = await form.json()
    assert.equal(formAnswer.errors[0].rule, 'unsupported_media_type')

    for (const contentType of ['text/plain', 'multipart/form-data; boundary=x']) {
      const other = await fetch(`${baseUrl()}${route('receipts.store')}`, {
        method: 'POST',
        headers: { cookie, 'content-type': contentType },
        body: contentType === 'text/plain' ? JSON.stringify(receipt) : '--x--\r\n',
      })
      assert.equal(other.status, 415, contentType)
    }

    // The upload routes take multipart, but a cookie authenticates nothing there either.
    for (const path of [route('imports.store'), route('bank_statements.store')]) {
      const upload = await fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: {
          'cookie': cookie,
          'origin': 'https://evil.example',
          'content-type': 'multipart/form-data; boundary=x',
        },
        body: '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreceipts\r\n--x--\r\n',
      })
      assert.equal(upload.status, 401, path)
    }

    // Even as JSON, the cookie authenticates nothing under /api.
    const json = await fetch(`${baseUrl()}${route('receipts.store')}`, {
      method: 'POST',
      headers: { 'cookie': cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ ...receipt, customerId: customer.id }),
    })
    assert.equal(json.status, 401)
    const jsonAnswer = await json.json()
    assert.equal(jsonAnswer.errors[0].rule, 'unauthenticated')
    const me = await fetch(`${baseUrl()}${route('me.show')}`, { headers: { cookie } })
    assert.equal(me.status, 401)

    assert.deepEqual(await writeCounters(), before)
  })

  test('the panel import routes take its session, never a request from another site', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const cookie = await panelCookie(user.email, password)
    const before = await writeCounters()
    const body =
      '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreceipts\r\n--x\r\n' +
      'Content-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n' +
      '客户编码*,金额*\r\nC1,1.00\r\n--x--\r\n'
    const post = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}${route('admin.imports.store')}`, {
        method: 'POST',
        headers: {
          'accept': 'application/json',
          'content-type': 'multipart/form-data; boundary=x',
          ...headers,
        },
        body,
      })

    const foreign = await post({ cookie, origin: 'https://evil.example' })
    assert.equal(foreign.status, 403)
    const crossSite = await post({ cookie, 'sec-fetch-site': 'cross-site' })
    assert.equal(crossSite.status, 403)
    const anonymous = await post({ origin: baseUrl() })
    assert.equal(anonymous.status, 401)
    assert.deepEqual(await writeCounters(), before)

    const own = await post({ cookie, 'origin': baseUrl(), 'sec-fetch-site': 'same-origin' })
    assert.equal(own.status, 201)
    const job = await own.json()
    assert.equal(job.status, 'rejected')
  })

  test('the panel statement upload takes its session, never a request from another site', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const account = await makeBankAccount()
    const cookie = await panelCookie(user.email, password)
    const before = await writeCounters()
    const lines = async () => {
      const [row] = await db.from('bank_lines').where('bank_account_id', account.id).count('* as n')
      return Number(row.n)
    }
    const body =
      `--x\r\nContent-Disposition: form-data; name="bankAccountId"\r\n\r\n${account.id}\r\n--x\r\n` +
      'Content-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n' +
      'Date,Amount,Currency,Counterparty,Counterparty Account,Memo\r\n2026-11-02,100.00,CNY,A,,x\r\n--x--\r\n'
    const post = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}${route('admin.bank_statements.store')}`, {
        method: 'POST',
        headers: {
          'accept': 'application/json',
          'content-type': 'multipart/form-data; boundary=x',
          ...headers,
        },
        body,
      })

    const foreign = await post({ cookie, origin: 'https://evil.example' })
    assert.equal(foreign.status, 403)
    const crossSite = await post({ cookie, 'sec-fetch-site': 'cross-site' })
    assert.equal(crossSite.status, 403)
    const anonymous = await post({ origin: baseUrl() })
    assert.equal(anonymous.status, 401)
    const options = await fetch(`${baseUrl()}${route('admin.bank_statements.options')}`, {
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    })
    assert.equal(options.status, 403)
    assert.deepEqual(await writeCounters(), before)
    assert.equal(await lines(), 0)

    const own = await post({ cookie, 'origin': baseUrl(), 'sec-fetch-site': 'same-origin' })
    assert.equal(own.status, 201)
    const stored = await own.json()
    assert.equal(stored.newLineCount, 1)
    assert.equal(await lines(), 1)
  })

  test('there is no cookie login for the API any more', async ({ client }) => {
    const { user, password } = await makeUser('finance')
    const response = await client.post('/login').json({ email: user.email, password })
    response.assertStatus(404)
  })
})
