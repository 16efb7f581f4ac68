import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs } from '#tests/support/api'
import { startSmtpCapture, type CapturedMail } from '#tests/support/smtp_capture'
import { customerWithJune } from '#tests/support/report_fixtures'
import { closeSharedRenderer } from '#reports/renderer'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { RunService } from '#modules/reports/services/run_service'
import { runProgress } from '#modules/reports/services/run_progress'
import type { ScheduleRow } from '#modules/reports/services/schedule_service'
import { route } from '#tests/support/route'
import { baseUrl, panelCookie } from '#tests/support/browser'
import { SqlResource, SqlTable } from '#modules/admin/panel/sql_resource'
import { runColumns } from '#modules/admin/resources/reports/run_resource'

const JULY_FIRST = new Date('2025-07-01T00:00:00Z')

async function statementRun(customerIds: number[]) {
  const inserted = await db.rawQuery(
    `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, customer_ids)
     VALUES ('progress', 'statements', '0 8 1 * *', 'Asia/Shanghai', 'previous_month', ?) RETURNING *`,
    [customerIds]
  )
  const { run } = await new RunService().createRun(inserted.rows[0] as ScheduleRow, {
    at: JULY_FIRST,
    scheduledFor: null,
  })
  return run
}

/** Statement mails (with a PDF) per envelope recipient: alert notices sent meanwhile are not counted. */
function statementsPerRecipient(mails: CapturedMail[]) {
  const counts = new Map<string, number>()
  for (const mail of mails.filter((m) => m.parsed.attachments.length > 0)) {
    for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1)
  }
  return counts
}

test.group('Reports: run progress and claim leases', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('a claim whose worker died is taken over once its lease expired, and sent once', async ({
    client,
    assert,
  }) => {
    const made = [await customerWithJune(client), await customerWithJune(client)]
    const emails = made.map((m) => m.customer.contactEmail)
    const run = await statementRun(made.map((m) => m.customer.id))
    const service = await app.container.make(DeliveryService)
    const before = smtp.accepted.length

    // a worker claims the first delivery and dies before rendering it
    const orphan = await service.claimNext(run.id, 'dead-worker')
    assert.equal(orphan!.status, 'sending')
    // within the lease nobody else takes it: the rescuer sends only the other statement
    assert.equal(await service.drainRun(run.id, 'rescuer', { claimTimeoutSeconds: 300 }), 1)
    let row = await db.from('report_deliveries').where('id', orphan!.id).firstOrFail()
    assert.deepInclude(row, { status: 'sending', claimed_by: 'dead-worker', attempts: 1 })

    // the lease runs out (claimed 10 minutes ago): the next drain re-claims and sends it
    await db.rawQuery(
      `UPDATE report_deliveries SET claimed_at = now() - interval '10 minutes' WHERE id = ?`,
      [orphan!.id]
    )
    assert.equal(await service.drainRun(run.id, 'rescuer', { claimTimeoutSeconds: 300 }), 1)
    row = await db.from('report_deliveries').where('id', orphan!.id).firstOrFail()
    assert.deepInclude(row, { status: 'sent', attempts: 2, send_count: 1 })
    assert.match(row.claimed_by, /^rescuer#\d+$/) // one of the rescuer's claim loops
    assert.equal(row.message_id, `<report-delivery-${orphan!.id}@advance-ledger>`)

    // nothing is left to claim, and each customer got exactly one statement
    assert.isNull(await service.claimNext(run.id, 'late-worker', { claimTimeoutSeconds: 0 }))
    const counts = statementsPerRecipient(smtp.accepted.slice(before))
    assert.deepEqual(
      emails.map((e) => counts.get(e)),
      [1, 1]
    )
    const finished = await db.from('report_runs').where('id', run.id).firstOrFail()
    assert.equal(finished.status, 'completed')
  }).timeout(120_000)

  test('progress counts done/total, failures and what is left, in the API as in the view', async ({
    client,
    assert,
  }) => {
    const made = [
      await customerWithJune(client),
      await customerWithJune(client),
      await customerWithJune(client),
    ]
    const silent = await makeCustomer() // no contact address: skipped at once
    const failing = made[2].customer.contactEmail
    const run = await statementRun([...made.map((m) => m.customer.id), silent.id])
    const service = await app.container.make(DeliveryService)

    const waiting = await runProgress(run.id)
    let progress = waiting.progress
    assert.deepInclude(progress, { total: 4, done: 1, skipped: 1, sent: 0, failed: 0, pending: 3 })
    assert.isNull(progress.etaSeconds) // nothing sent yet: no rate to extrapolate from

    // one statement in flight, then a partial run: its SMTP server refuses one address
    await service.claimNext(run.id, 'slow-worker')
    const inFlight = await runProgress(run.id)
    progress = inFlight.progress
    assert.deepInclude(progress, { done: 1, sending: 1, pending: 2 })
    smtp.hold = (mail) => {
      if (mail.to.includes(failing)) throw new Error('mailbox unavailable')
    }
    try {
      assert.equal(await service.drainRun(run.id, 'worker', { claimTimeoutSeconds: 300 }), 1)
    } finally {
      smtp.hold = undefined
    }
    const partial = await runProgress(run.id)
    assert.equal(partial.status, 'running')
    assert.deepInclude(partial.progress, {
      total: 4,
      done: 2,
      sent: 1,
      skipped: 1,
      failed: 1,
      sending: 1,
      pending: 0,
    })
    assert.isAbove(partial.progress.ratePerMinute!, 0)
    assert.isAbove(partial.progress.etaSeconds!, 0)

    // the panel's run page reads the same view
    const panel = new SqlResource(
      new SqlTable({ id: 'report_runs', table: 'report_run_progress', columns: runColumns })
    )
    const record = await panel.findOne(String(run.id))
    assert.equal(record!.params.progress, '2 / 4 (50.0%)')
    assert.equal(record!.params.failed, 1)
    assert.match(record!.params.eta, /^\d+:\d\d:\d\d$/)

    // …and the panel's list of runs, as a finance user's browser asks for it
    const clerk = await makeUser('finance')
    const cookie = await panelCookie(clerk.user.email, clerk.password)
    const list = await fetch(`${baseUrl()}/admin/api/resources/report_runs/actions/list`, {
      headers: { accept: 'application/json', cookie },
    })
    assert.equal(list.status, 200)
    const listed = (await list.json()) as { records: Array<{ id: string; params: any }> }
    const mine = listed.records.find((r) => r.id === String(run.id))
    assert.deepInclude(mine!.params, { progress: '2 / 4 (50.0%)', failed: 1 })

    const { token } = clerk
    const answer = await expectStatus(
      getAs(client, token, route('report_runs.show', { id: run.id })),
      200
    )
    assert.deepInclude(answer.body().progress, { total: 4, done: 2, failed: 1, sending: 1 })
    const running = await expectStatus(
      getAs(client, token, `${route('report_runs.index')}?status=running`),
      200
    )
    assert.include(
      running.body().data.map((r: { id: number }) => r.id),
      run.id
    )
    const { token: sales } = await makeUser('sales')
    await expectStatus(getAs(client, sales, route('report_runs.show', { id: run.id })), 403)
  }).timeout(120_000)
})
