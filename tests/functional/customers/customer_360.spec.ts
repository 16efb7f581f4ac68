import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import { Money } from '#kernel/money/money'
import { baseUrl } from '#tests/support/browser'
import { getAs, postAs } from '#tests/support/api'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
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

/** A panel JSON call with the session cookie (as the 360 page and the list toolbar make it). */
async function panelGet(cookie: string | null, path: string) {
  const response = await fetch(`${baseUrl()}${path}`, {
    redirect: 'manual',
    headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
  })
  return response
}

async function panelJson(cookie: string | null, path: string) {
  const response = await panelGet(cookie, path)
  return response.json()
}

async function panelStatus(cookie: string | null, path: string) {
  const response = await panelGet(cookie, path)
  return response.status
}

const c360 = (id: number, qs: Record<string, unknown> = {}) =>
  route('admin.customer_360.show', { id }, qs)

test.group('Customer 360: the panel page data', () => {
  test('balances equal the balances API; headroom, movements, filters and pages', async ({
    assert,
    client,
  }) => {
    const { user, token, password } = await makeUser('finance')
    const customer = await makeCustomer({ creditLimit: '1000.00' })
    const receipt = (amount: string, currency = 'CNY') =>
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount,
        currency,
        channel: 'bank_transfer',
      })
    for (const amount of ['100.00', '200.00', '300.00', '400.00', '500.00']) {
      const posted = await receipt(amount)
      posted.assertStatus(201)
    }
    await db.rawQuery(
      `INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('USD', '2000-01-01', 7.1)
       ON CONFLICT DO NOTHING`
    )
    const usdReceipt = await receipt('50.00', 'USD')
    usdReceipt.assertStatus(201)
    const application = await postAs(client, token, route('applications.store'), {
      customerId: customer.id,
      amount: '120.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: unique('FP'),
    })
    assert.include([201, 202], application.status())
    // a refund awaits approval (or posts): either way the page must agree with the API
    const refund = await postAs(client, token, route('refunds.store'), {
      customerId: customer.id,
      amount: '80.00',
      currency: 'CNY',
      reason: 'test',
    })
    assert.include([201, 202], refund.status())

    const cookie = await panelCookie(user.email, password)
    const response = await panelGet(cookie, c360(customer.id, { perPage: 5 }))
    assert.equal(response.status, 200)
    const page = await response.json()
    const api = await getAs(client, token, route('customers.balances', { id: customer.id }))
    const apiBalances = api.body().balances
    assert.lengthOf(page.balances, 2)
    for (const row of apiBalances) {
      const shown = page.balances.find((b: any) => b.currency === row.currency)
      for (const key of ['balance', 'pending', 'available', 'creditLimit', 'unconfirmed']) {
        assert.equal(shown[key], row[key], `${row.currency} ${key}`)
      }
      assert.equal(
        shown.headroom,
        new Money(row.available).plus(row.creditLimit).toFixed(2),
        `${row.currency} headroom`
      )
    }
    const cny = page.balances.find((b: any) => b.currency === 'CNY')
    assert.equal(cny.creditLimit, '1000.00')
    assert.equal(page.balances.find((b: any) => b.currency === 'USD').creditLimit, '0.00')

    // movements of the default currency, newest first, the running balance ending at the balance
    const movements = page.movements
    assert.equal(movements.currency, 'CNY')
    const posted = await db.from('journals').where({ customer_id: customer.id, currency: 'CNY' })
    assert.equal(movements.total, posted.length)
    assert.lengthOf(movements.lines, 5)
    assert.equal(movements.lines[0].runningBalance, cny.balance)
    assert.equal(movements.closingBalance, cny.balance)

    const second = await panelJson(cookie, c360(customer.id, { perPage: 5, page: 2 }))
    assert.lengthOf(second.movements.lines, posted.length - 5)
    assert.equal(second.movements.lines.at(-1).runningBalance, '100.00')

    const receipts = await panelJson(cookie, c360(customer.id, { kind: 'receipt' }))
    assert.equal(receipts.movements.total, 5)
    assert.isTrue(receipts.movements.lines.every((l: any) => l.kind === 'receipt'))
    const usd = await panelJson(cookie, c360(customer.id, { currency: 'USD' }))
    assert.equal(usd.movements.closingBalance, '50.00')
    assert.equal(usd.movements.total, 1)

    // pending requests are listed, and their count matches the pending balance
    const pendingRequests = await db
      .from('approval_requests')
      .where({ customer_id: customer.id, status: 'pending' })
    assert.lengthOf(page.approvals, pendingRequests.length)
    assert.isTrue(page.can.receipt)
    assert.equal(page.labels.page.title, '客户全景')
  })

  test('bad filters are a 422 on the field, in JSON', async ({ assert }) => {
    const { user, password } = await makeUser('finance')
    const customer = await makeCustomer()
    const cookie = await panelCookie(user.email, password)
    const response = await panelGet(cookie, c360(customer.id, { kind: 'gift', from: '2026-13-40' }))
    assert.equal(response.status, 422)
    const body = await response.json()
    const fields = body.errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['kind', 'from'])
  })

  test("sales see their own customers only: another's is 403, an unknown one 404, no session 401", async ({
    assert,
  }) => {
    const owner = await makeUser('sales')
    const other = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    const ownCookie = await panelCookie(owner.user.email, owner.password)
    const otherCookie = await panelCookie(other.user.email, other.password)
    assert.equal(await panelStatus(ownCookie, c360(customer.id)), 200)
    const refused = await panelGet(otherCookie, c360(customer.id))
    assert.equal(refused.status, 403)
    assert.notInclude(await refused.text(), customer.code)
    assert.equal(await panelStatus(otherCookie, c360(999_999_999)), 404)
    assert.equal(await panelStatus(null, c360(customer.id)), 401)
    const pdf = route('admin.customer_360.statement_pdf', { id: customer.id })
    assert.equal(await panelStatus(otherCookie, `${pdf}?from=2026-01-01&to=2026-01-31`), 403)
  })
})

test.group('Panel lists: search, totals, Excel export, saved filters', () => {
  test('a search narrows the list; totals and the export hold exactly its rows', async ({
    assert,
    client,
  }) => {
    const { user, token, password } = await makeUser('finance')
    const tag = unique('华东')
    const names = [`${tag} 机械`, `=cmd|' /C calc'!A0 ${tag}`, '其他客户']
    const ids: number[] = []
    for (const [i, name] of names.entries()) {
      const customer = await makeCustomer()
      await db.from('customers').where('id', customer.id).update({ name })
      ids.push(customer.id)
      const amount = ['1000.50', '250.25', '99.00'][i]
      const posted = await postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount,
        currency: 'CNY',
        channel: 'bank_transfer',
      })
      posted.assertStatus(201)
    }
    const cookie = await panelCookie(user.email, password)
    const qs = `filters.q=${encodeURIComponent(tag)}`
    const meta = await panelJson(
      cookie,
      `${route('admin.lists.show', { resource: 'customers' })}?${qs}`
    )
    assert.equal(meta.search, 'q')
    const balance = meta.totals.find((t: any) => t.property === 'balance')
    assert.deepEqual(balance.values, [{ currency: 'CNY', amount: '1250.75' }])

    const exported = await panelGet(
      cookie,
      `${route('admin.lists.export', { resource: 'customers' })}?${qs}&sortBy=code&direction=asc`
    )
    assert.equal(exported.status, 200)
    assert.include(exported.headers.get('content-type') ?? '', 'spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await exported.arrayBuffer()) as any)
    const sheet = book.worksheets[0]
    const header = (sheet.getRow(1).values as any[]).slice(1)
    assert.include(header, '名称')
    const nameColumn = header.indexOf('名称') + 1
    const amountColumn = header.indexOf('余额（本币）') + 1
    assert.isAbove(amountColumn, 0)
    const rows = []
    for (let r = 2; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r))
    assert.lengthOf(rows, 2)
    const shown = rows.map((row) => String(row.getCell(nameColumn).value))
    assert.includeMembers(shown, [`${tag} 机械`, `'=cmd|' /C calc'!A0 ${tag}`])
    const amounts = rows.map((row) => row.getCell(amountColumn).value).sort()
    assert.deepEqual(amounts, [1000.5, 250.25].sort())

    // journals: searched by the customer's name, the totals row sums their effect
    const journals = await panelJson(
      cookie,
      `${route('admin.lists.show', { resource: 'receipts' })}?filters.q=${encodeURIComponent(tag)}`
    )
    assert.equal(journals.search, 'q')
    assert.deepEqual(journals.totals[0].values, [{ currency: 'CNY', amount: '1250.75' }])
  })

  test('saved filters belong to their user; a list the role may not open is refused', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const other = await makeUser('finance')
    const cookie = await panelCookie(user.email, password)
    const save = await fetch(
      `${baseUrl()}${route('admin.saved_filters.store', { resource: 'journals' })}`,
      {
        method: 'POST',
        headers: {
          'cookie': cookie,
          'content-type': 'application/json',
          'accept': 'application/json',
        },
        body: JSON.stringify({ name: '本月登记', query: 'filters.kind=receipt&page=3&x=1' }),
      }
    )
    assert.equal(save.status, 201)
    const saved = await save.json()
    assert.equal(saved.query, 'filters.kind=receipt')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'panel_saved_filter', entity_id: String(saved.id) })
    assert.lengthOf(audit, 1)

    const mine = await panelJson(cookie, route('admin.lists.show', { resource: 'journals' }))
    assert.deepEqual(
      mine.savedFilters.map((f: any) => f.name),
      ['本月登记']
    )
    const otherCookie = await panelCookie(other.user.email, other.password)
    const theirs = await panelJson(otherCookie, route('admin.lists.show', { resource: 'journals' }))
    assert.lengthOf(theirs.savedFilters, 0)
    const stolen = await fetch(
      `${baseUrl()}${route('admin.saved_filters.destroy', { id: saved.id })}`,
      { method: 'DELETE', headers: { cookie: otherCookie, accept: 'application/json' } }
    )
    assert.equal(stolen.status, 404)

    const auditor = await makeUser('executive')
    const auditorCookie = await panelCookie(auditor.user.email, auditor.password)
    const refused = await panelGet(auditorCookie, route('admin.lists.show', { resource: 'users' }))
    assert.equal(refused.status, 403)
    assert.equal(await panelStatus(cookie, '/admin/lists/no_such_list'), 404)
  })
})
