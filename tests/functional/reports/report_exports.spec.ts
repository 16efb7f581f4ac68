import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { countRows, makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { parseBinaryResponses } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'
import { runNextExport } from '#modules/reports/exports/report_export_runner'
import { expireExports } from '#modules/reports/exports/report_export_retention'
import { baseUrl, panelCookie } from '#tests/support/browser'

/*
| Issue 20, heavy reports as jobs: a balances export is queued, built by the worker with its
| progress, stored with the ledger position it read, and answered again from the finished file
| while the ledger and the names it shows have not moved.
*/

parseBinaryResponses()

const PERIOD = { from: '2025-03-01', to: '2025-03-31' }

async function receipt(client: ApiClient, token: string, customerId: number, amount: string) {
  await expectStatus(
    postAs(client, token, route('receipts.store'), {
      customerId,
      amount,
      currency: 'CNY',
      channel: 'bank_transfer',
      entryDate: '2025-03-10',
    }),
    201
  )
}

function requestExport(client: ApiClient, token: string, body: object) {
  return postAs(client, token, route('report_exports.store'), {
    groupBy: 'customer',
    format: 'csv',
    ...PERIOD,
    ...body,
  })
}

async function auditActions(id: number) {
  const rows = await db
    .from('audit_logs')
    .where({ entity_type: 'report_export', entity_id: String(id) })
    .orderBy('id')
    .select('action')
  return rows.map((row) => row.action)
}

test.group('Report exports: heavy reports as jobs, cached per ledger position', (group) => {
  let finance: { token: string }
  group.setup(async () => {
    finance = await makeUser('finance')
  })
  // the queue is shared by the whole suite: each test starts with none waiting
  group.each.setup(async () => {
    await db.rawQuery(`UPDATE report_exports SET status = 'failed' WHERE status <> 'done'`)
  })

  test('queued, built by the worker with its progress; the file is the report, byte for byte', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer()
    await receipt(client, finance.token, customer.id, '1234.56')

    const queued = await expectStatus(requestExport(client, finance.token, {}), 202)
    const id = queued.body().id
    assert.include(queued.body(), { status: 'queued', progress: 0, cached: false })
    assert.deepEqual(queued.body().params, { groupBy: 'customer', format: 'csv', ...PERIOD })
    assert.deepEqual(await auditActions(id), ['request'])

    const early = await getAs(client, finance.token, route('report_exports.file', { id }))
    early.assertStatus(409)
    assert.equal(early.body().errors[0].rule, 'export_not_ready')

    assert.equal(await runNextExport('test-worker'), id)
    assert.isNull(await runNextExport('test-worker'))

    const done = await expectStatus(
      getAs(client, finance.token, route('report_exports.show', { id })),
      200
    )
    assert.include(done.body(), { status: 'done', progress: 100, phase: null })
    const file = await expectStatus(
      getAs(client, finance.token, route('report_exports.file', { id })),
      200
    )
    const text = file.text()
    const bytes = Buffer.from(text, 'utf8')
    const direct = await expectStatus(
      getAs(
        client,
        finance.token,
        `${route('reports.balances')}?groupBy=customer&format=csv&from=${PERIOD.from}&to=${PERIOD.to}`
      ),
      200
    )
    assert.include(file.header('content-type'), 'text/csv')
    assert.equal(text, direct.text())
    assert.include(text, '1234.56')
    assert.equal(done.body().sha256, createHash('sha256').update(bytes).digest('hex'))
    assert.equal(file.header('x-content-sha256'), done.body().sha256)
    assert.equal(done.body().bytes, bytes.length)
    assert.equal(done.body().rowCount, text.trim().split('\n').length - 1)
    assert.match(done.body().ledgerPosition, /^lines:\d+;names:[0-9a-f]{32}$/)
    assert.deepEqual(await auditActions(id), ['request', 'complete'])
  }).timeout(60_000)

  test('past the retention window a file is dropped, its record stays; asking again builds a new one', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer()
    await receipt(client, finance.token, customer.id, '77.00')
    const first = await expectStatus(requestExport(client, finance.token, {}), 202)
    const old = first.body().id
    while ((await runNextExport('test-worker')) !== null);
    const built = await db.from('report_exports').where('id', old).first()
    const second = await expectStatus(requestExport(client, finance.token, { format: 'xlsx' }), 202)
    const fresh = second.body().id
    while ((await runNextExport('test-worker')) !== null);
    // the first finished 31 days ago, the second today
    await db.rawQuery(
      `UPDATE report_exports SET finished_at = now() - interval '31 days' WHERE id = ?`,
      [old]
    )

    const off = await expireExports({ days: 0 })
    assert.equal(off.exports, 0)
    const freed = await expireExports({ days: 30 })
    assert.isAtLeast(freed.exports, 1)
    const expired = await db.from('report_exports').where('id', old).first()
    assert.equal(expired.status, 'expired')
    assert.isNull(expired.content)
    assert.isNotNull(expired.expired_at)
    assert.equal(expired.sha256, built.sha256)
    assert.equal(expired.ledger_position, built.ledger_position)
    const kept = await db.from('report_exports').where('id', fresh).first()
    assert.equal(kept.status, 'done')
    assert.isNotNull(kept.content)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'report_export', action: 'expire' })
      .orderBy('id', 'desc')
      .first()
    assert.include(audit.after.ids, old)
    assert.notInclude(audit.after.ids, fresh)
    assert.equal(audit.actor_role, 'system')

    const gone = await getAs(client, finance.token, route('report_exports.file', { id: old }))
    gone.assertStatus(409)
    assert.equal(gone.body().errors[0].rule, 'export_expired')
    const shown = await expectStatus(
      getAs(client, finance.token, route('report_exports.show', { id: old })),
      200
    )
    assert.equal(shown.body().status, 'expired')
    // the same report at the same position is not served from an expired record: a new file
    const again = await expectStatus(requestExport(client, finance.token, {}), 202)
    assert.notEqual(again.body().id, old)
    const nothingLeft = await expireExports({ days: 30 })
    assert.equal(nothingLeft.exports, 0)
  }).timeout(60_000)

  test('the same report at the same position is the finished file; a posting or a rename queues a new one', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer()
    await receipt(client, finance.token, customer.id, '10.00')
    const queued = await expectStatus(requestExport(client, finance.token, {}), 202)
    const first = queued.body().id
    // asked again before the worker started: the queued export serves both requests
    const joined = await expectStatus(requestExport(client, finance.token, {}), 202)
    assert.equal(joined.body().id, first)
    await runNextExport('test-worker')

    const again = await expectStatus(requestExport(client, finance.token, {}), 200)
    assert.include(again.body(), { id: first, status: 'done', cached: true })
    assert.deepEqual(await auditActions(first), ['request', 'complete'])
    // another format is another file
    await expectStatus(requestExport(client, finance.token, { format: 'xlsx' }), 202)

    await receipt(client, finance.token, customer.id, '0.01')
    const afterPosting = await expectStatus(requestExport(client, finance.token, {}), 202)
    assert.notEqual(afterPosting.body().id, first)
    while ((await runNextExport('test-worker')) !== null);
    const cachedAgain = await expectStatus(requestExport(client, finance.token, {}), 200)
    assert.equal(cachedAgain.body().id, afterPosting.body().id)

    // the names a grouping shows are part of its position; another grouping's are not
    await db
      .from('customers')
      .where({ id: customer.id })
      .update({ name: `${customer.id} 新名称` })
    const renamed = await expectStatus(requestExport(client, finance.token, {}), 202)
    assert.notEqual(renamed.body().id, afterPosting.body().id)
  }).timeout(60_000)

  test('a worker that died mid-build leaves the export to another after its lease', async ({
    client,
    assert,
  }) => {
    const customer = await makeCustomer()
    await receipt(client, finance.token, customer.id, '5.00')
    const queued = await expectStatus(
      requestExport(client, finance.token, { to: '2025-03-30' }),
      202
    )
    const id = queued.body().id
    await db.rawQuery(
      `UPDATE report_exports SET status = 'running', claimed_by = 'dead', attempts = 1,
              claimed_at = now() - interval '1 hour' WHERE id = ?`,
      [id]
    )
    assert.equal(await runNextExport('alive'), id)
    const row = await db.from('report_exports').where({ id }).first()
    assert.include(row, { status: 'done', claimed_by: 'alive', attempts: 2 })
  }).timeout(60_000)

  test('bad input is a 422 naming the field and writes nothing; sales may not; unknown is 404', async ({
    client,
    assert,
  }) => {
    const before = await countRows('report_exports')
    for (const [body, field, rule] of [
      [{ format: 'pdf' }, 'format', 'enum'],
      [{ groupBy: 'weather' }, 'groupBy', 'enum'],
      [{ from: '2025-02-30' }, 'from', 'date'],
      [{ from: '2025-04-01', to: '2025-03-01' }, 'to', 'after_or_equal'],
    ] as const) {
      const response = await requestExport(client, finance.token, body)
      response.assertStatus(422)
      assert.include(response.body().errors[0], { field, rule })
    }
    const chinese = await requestExport(client, finance.token, { format: 'pdf' }).header(
      'Accept-Language',
      'zh-CN'
    )
    assert.match(chinese.body().errors[0].message, /[\u4e00-\u9fff]/)
    assert.equal(await countRows('report_exports'), before)

    const sales = await makeUser('sales')
    const refused = await requestExport(client, sales.token, {})
    refused.assertStatus(403)
    const unknown = await getAs(client, finance.token, route('report_exports.show', { id: 999999 }))
    unknown.assertStatus(404)
    assert.equal(await countRows('report_exports'), before)
  })

  test('the panel asks for an export through the same service, lists its progress and serves its file', async ({
    client,
    assert,
  }) => {
    const clerk = await makeUser('finance')
    const customer = await makeCustomer()
    await receipt(client, clerk.token, customer.id, '77.70')
    const cookie = await panelCookie(clerk.user.email, clerk.password)
    const panel = (path: string, form?: Record<string, string>) => {
      const body = new FormData()
      for (const [name, value] of Object.entries(form ?? {})) body.append(name, value)
      return fetch(`${baseUrl()}/admin/api/resources/report_exports/actions/${path}`, {
        method: form ? 'POST' : 'GET',
        headers: { accept: 'application/json', cookie },
        body: form ? body : undefined,
      })
    }
    const before = await countRows('report_exports')
    const refused = await panel('new', { groupBy: 'customer', format: 'pdf', ...PERIOD })
    const refusal = (await refused.json()) as any
    assert.equal(refusal.notice?.type, 'error')
    assert.property(refusal.record.errors, 'format')
    assert.equal(await countRows('report_exports'), before)

    const asked = await panel('new', {
      groupBy: 'customer',
      format: 'csv',
      from: '2025-03-02',
      to: PERIOD.to,
    })
    const answer = (await asked.json()) as any
    assert.equal(answer.notice?.type, 'success')
    const id = Number(/report_exports\/records\/(\d+)\/show/.exec(answer.redirectUrl)![1])
    assert.deepEqual(await auditActions(id), ['request'])
    assert.equal(await runNextExport('test-worker'), id)

    const page = await panel('list')
    const listed = (await page.json()) as { records: Array<{ id: string; params: any }> }
    const mine = listed.records.find((r) => r.id === String(id))!
    assert.deepInclude(mine.params, { status: 'done', progress: '100%', format: 'csv' })
    const file = await fetch(`${baseUrl()}${mine.params.file}`, { headers: { cookie } })
    assert.equal(file.status, 200)
    assert.include(file.headers.get('content-type')!, 'text/csv')
    const api = await expectStatus(
      getAs(client, clerk.token, route('report_exports.file', { id })),
      200
    )
    // the bytes as stored (the CSV opens with a BOM for Excel)
    const bytes = Buffer.from(await file.arrayBuffer())
    assert.equal(bytes.toString('utf8'), api.text())
    assert.include(bytes.toString('utf8'), '77.7')
  }).timeout(60_000)
})
