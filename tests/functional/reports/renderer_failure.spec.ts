import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { expectStatus, getAs } from '#tests/support/api'
import { customerWithJune, parseBinaryResponses } from '#tests/support/report_fixtures'
import { closeSharedRenderer } from '#reports/renderer'
import { forgetBrowserChecks } from '#reports/browser'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { RunService } from '#modules/reports/services/run_service'
import type { ScheduleRow } from '#modules/reports/services/schedule_service'
import { route } from '#tests/support/route'

const JUNE = 'from=2025-06-01&to=2025-06-30'
parseBinaryResponses()

/**
 * A browser that exists but cannot be executed (the EACCES that once ended the whole web server
 * through an unhandled 'error' event): the API answers 503 naming the fix, the worker records a
 * failed delivery to retry, and the process carries on.
 */
test.group('Reports: a broken browser', (group) => {
  let dir: string
  let before: { path?: string; mode?: string }
  group.setup(async () => {
    before = { path: process.env.CHROMIUM_PATH, mode: process.env.PDF_BROWSER }
    dir = await mkdtemp(join(tmpdir(), 'al-broken-browser-'))
    const broken = join(dir, 'chromium')
    await writeFile(broken, 'not a browser')
    await chmod(broken, 0o644)
    process.env.CHROMIUM_PATH = broken
    delete process.env.PDF_BROWSER
    await closeSharedRenderer()
    forgetBrowserChecks()
  })
  group.teardown(async () => {
    for (const [key, value] of [
      ['CHROMIUM_PATH', before.path],
      ['PDF_BROWSER', before.mode],
    ] as const) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    await closeSharedRenderer()
    forgetBrowserChecks()
    await rm(dir, { recursive: true, force: true })
  })

  test('the statement PDF is a JSON 503 naming the fix; the server keeps serving', async ({
    client,
    assert,
  }) => {
    const { customer, token } = await customerWithJune(client)
    const url = `${route('customers.statement_pdf', { id: customer.id })}?${JUNE}`
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await expectStatus(getAs(client, token, url), 503)
      const [error] = response.body().errors
      assert.equal(error.rule, 'renderer_unavailable')
      assert.include(error.message, process.env.CHROMIUM_PATH!)
      assert.include(error.message, 'PDF_BROWSER=bundled')
      assert.notProperty(response.body(), 'stack')
    }
    await expectStatus(client.get('/health'), 200)
  })

  test('a scheduled delivery fails, keeps the reason and waits for its retry', async ({
    client,
    assert,
  }) => {
    const { customer } = await customerWithJune(client)
    const inserted = await db.rawQuery(
      `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, customer_ids)
       VALUES ('broken browser', 'statements', '0 8 1 * *', 'Asia/Shanghai', 'previous_month', ?) RETURNING *`,
      [[customer.id]]
    )
    const { run } = await new RunService().createRun(inserted.rows[0] as ScheduleRow, {
      at: new Date('2025-07-01T00:00:00Z'),
      scheduledFor: null,
    })
    const service = await app.container.make(DeliveryService)
    assert.equal(await service.drainRun(run.id), 0)
    const delivery = await db.from('report_deliveries').where('run_id', run.id).firstOrFail()
    assert.equal(delivery.status, 'failed')
    assert.equal(delivery.attempts, 1)
    assert.include(delivery.error, 'PDF renderer unavailable')
    assert.isTrue(new Date(delivery.next_attempt_at) > new Date())
  })
})
