import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { startSmtpCapture, type CapturedMail } from '#tests/support/smtp_capture'
import { customerWithJune, parseBinaryResponses, pdfText } from '#tests/support/report_fixtures'
import { closeSharedRenderer } from '#reports/renderer'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { RunService } from '#modules/reports/services/run_service'
import type { ScheduleRow } from '#modules/reports/services/schedule_service'
import { route } from '#tests/support/route'

parseBinaryResponses()
const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
// 2025-07-01 08:00 Asia/Shanghai: "previous month" is June 2025
const JULY_FIRST = new Date('2025-07-01T00:00:00Z')

/** A statements schedule for the given customers and a run of it (with one delivery each). */
async function statementRun(customerIds: number[], scheduledFor: Date | null = null) {
  const inserted = await db.rawQuery(
    `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, customer_ids)
     VALUES ('test', 'statements', '0 8 1 * *', 'Asia/Shanghai', 'previous_month', ?) RETURNING *`,
    [customerIds]
  )
  const schedule = inserted.rows[0] as ScheduleRow
  const { run } = await new RunService().createRun(schedule, { at: JULY_FIRST, scheduledFor })
  return { schedule, run }
}

async function customers(client: any, count: number) {
  const list = []
  for (let i = 0; i < count; i++) {
    const { customer } = await customerWithJune(client)
    list.push(customer)
  }
  return list
}

function attachmentOf(mail: CapturedMail) {
  const pdf = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf')
  return pdf!.content
}

function countByRecipient(mails: CapturedMail[]) {
  const counts = new Map<string, number>()
  for (const mail of mails) {
    const to = (mail.parsed.to as any).value[0].address as string
    counts.set(to, (counts.get(to) ?? 0) + 1)
  }
  return counts
}

/** Report mails carry a PDF; alert and approval notices sent meanwhile by other reactions do not. */
function reportMails(mails: CapturedMail[]) {
  return mails.filter((mail) => mail.parsed.attachments.length > 0)
}

test.group('Reports: scheduled deliveries', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('a run emails each statement with the exact stored PDF bytes', async ({
    client,
    assert,
  }) => {
    const [customer] = await customers(client, 1)
    const { run } = await statementRun([customer.id])
    assert.equal(run.period_from, '2025-06-01')
    assert.equal(run.period_to, '2025-06-30')
    const service = await app.container.make(DeliveryService)
    const before = smtp.accepted.length
    assert.equal(await service.drainRun(run.id), 1)

    const delivery = await db.from('report_deliveries').where('run_id', run.id).firstOrFail()
    assert.equal(delivery.status, 'sent')
    assert.equal(delivery.attempts, 1)
    assert.equal(delivery.pdf_sha256, sha(delivery.pdf))
    const mails = reportMails(smtp.accepted.slice(before))
    assert.lengthOf(mails, 1)
    assert.equal((mails[0].parsed.to as any).value[0].address, customer.contactEmail)
    assert.include(mails[0].parsed.subject!, '客户预付款对账单')
    const attached = attachmentOf(mails[0])
    assert.equal(sha(attached), delivery.pdf_sha256)
    assert.isTrue(attached.equals(delivery.pdf))
    const text = await pdfText(attached)
    assert.include(text, '13,200.25')
    assert.include(text, '10,000.00')
    const position = await db.rawQuery(
      'SELECT max(last_journal_id) AS p FROM customer_balances WHERE customer_id = ?',
      [customer.id]
    )
    assert.equal(delivery.ledger_position, position.rows[0].p)
    const finished = await db.from('report_runs').where('id', run.id).firstOrFail()
    assert.equal(finished.status, 'completed')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'report_delivery', entity_id: String(delivery.id), action: 'send' })
    assert.lengthOf(audit, 1)
    assert.deepInclude(audit[0].after, {
      pdfSha256: delivery.pdf_sha256,
      recipients: [customer.contactEmail],
      messageId: delivery.message_id,
    })

    // a second drain of the same run sends nothing
    assert.equal(await service.drainRun(run.id), 0)
    assert.lengthOf(reportMails(smtp.accepted.slice(before)), 1)
  })

  test('two workers on one run send each statement exactly once', async ({ client, assert }) => {
    const list = await customers(client, 6)
    const { run } = await statementRun(list.map((c) => c.id))
    const before = smtp.accepted.length
    const [a, b] = [
      await app.container.make(DeliveryService),
      await app.container.make(DeliveryService),
    ]
    const [sentA, sentB] = await Promise.all([
      a.drainRun(run.id, 'worker-a', { concurrency: 2 }),
      b.drainRun(run.id, 'worker-b', { concurrency: 2 }),
    ])
    assert.equal(sentA + sentB, 6)
    const counts = countByRecipient(reportMails(smtp.accepted.slice(before)))
    assert.deepEqual(
      list.map((c) => counts.get(c.contactEmail)),
      list.map(() => 1)
    )
    const rows = await db.from('report_deliveries').where('run_id', run.id)
    assert.deepEqual(
      rows.map((r) => [r.status, r.attempts]),
      rows.map(() => ['sent', 1])
    )
    // both workers took part
    // (a claim names the worker and its loop: worker-a#2)
    assert.sameMembers(
      [...new Set(rows.map((r) => String(r.claimed_by).split('#')[0]))],
      ['worker-a', 'worker-b']
    )
    // six renders on a shared 2-core machine (45 s at load 22)
  }).timeout(120_000)

  test('the same schedule instant creates one run however often it fires', async ({
    client,
    assert,
  }) => {
    const [customer] = await customers(client, 1)
    const first = await statementRun([customer.id], JULY_FIRST)
    const again = await new RunService().createRun(first.schedule, {
      at: JULY_FIRST,
      scheduledFor: JULY_FIRST,
    })
    assert.isFalse(again.created)
    assert.equal(again.run.id, first.run.id)
    const deliveries = await db.from('report_deliveries').where('run_id', first.run.id)
    assert.lengthOf(deliveries, 1)
  })

  test('due schedules fire once per cron instant, with the period rule in their time zone', async ({
    client,
    assert,
  }) => {
    const [customer] = await customers(client, 1)
    const inserted = await db.rawQuery(
      `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, customer_ids, created_at)
       VALUES ('due', 'statements', '0 8 1 * *', 'Asia/Shanghai', 'previous_month', ?, '2025-06-15') RETURNING id`,
      [[customer.id]]
    )
    const scheduleId = inserted.rows[0].id
    const runs = new RunService()
    // 1 July 2025 08:30 in Shanghai
    const fired = await runs.fireDue(new Date('2025-07-01T00:30:00Z'))
    const mine = fired.filter((r) => r.schedule_id === scheduleId)
    assert.lengthOf(mine, 1)
    assert.deepEqual([mine[0].period_from, mine[0].period_to], ['2025-06-01', '2025-06-30'])
    assert.equal(new Date(mine[0].scheduled_for!).toISOString(), '2025-07-01T00:00:00.000Z')
    const again = await runs.fireDue(new Date('2025-07-01T00:45:00Z'))
    assert.lengthOf(
      again.filter((r) => r.schedule_id === scheduleId),
      0
    )
    await db.from('report_schedules').where('id', scheduleId).update({ enabled: false })
  })

  test('pg-boss workers pick up a queued run and deliver it', async ({ client, assert }) => {
    const [customer] = await customers(client, 1)
    const { run } = await statementRun([customer.id])
    const { enqueueRun, startBoss } = await import('#modules/reports/services/report_jobs')
    const { BackgroundWorker } = await import('#modules/worker/background_worker')
    const workers = [
      new BackgroundWorker({ only: ['reports'] }),
      new BackgroundWorker({ only: ['reports'] }),
    ]
    for (const worker of workers) await worker.start()
    const boss = await startBoss()
    try {
      await enqueueRun(boss, run.id)
      for (let i = 0; i < 300; i++) {
        const row = await db.from('report_deliveries').where('run_id', run.id).firstOrFail()
        if (row.status === 'sent') break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const row = await db.from('report_deliveries').where('run_id', run.id).firstOrFail()
      assert.equal(row.status, 'sent')
      assert.equal(row.attempts, 1)
      assert.equal(countByRecipient(reportMails(smtp.accepted)).get(customer.contactEmail), 1)
    } finally {
      await boss.stop({ graceful: false, wait: true })
      for (const worker of workers) await worker.stop()
    }
  }).timeout(60_000)

  test('a worker killed mid-run: the next completes it, nobody gets a statement twice', async ({
    client,
    assert,
  }) => {
    const list = await customers(client, 4)
    const { run } = await statementRun(list.map((c) => c.id))
    const before = smtp.accepted.length

    // hold the worker's second message at the SMTP DATA stage and kill the worker right there:
    // that delivery is claimed (and its PDF stored) but never accepted by the server
    let seen = 0
    let heldId = ''
    let killed: () => void = () => {}
    const workerKilled = new Promise<void>((resolve) => (killed = resolve))
    smtp.hold = async (mail) => {
      if (reportMails([mail]).length === 0) return // an alert notice from the app, not the worker's
      seen++
      if (seen === 2) {
        heldId = String(mail.parsed.headers.get('x-report-delivery'))
        await workerKilled
        throw new Error('connection lost')
      }
    }
    const child = spawn(process.execPath, ['ace.js', 'reports:worker', '--run', String(run.id)], {
      cwd: APP_ROOT,
      // one delivery in flight: the kill then catches exactly the held one in the window
      env: {
        ...process.env,
        ...smtp.childEnv(),
        REPORTS_PAGE_POOL: '1',
        REPORTS_CLAIMS_PER_PAGE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    while (seen < 2) {
      if (child.exitCode !== null) throw new Error(`worker exited early: ${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    const chromiumPid = JSON.parse(output.split('\n').find((l) => l.includes('chromiumPid'))!)
      .chromiumPid as number
    try {
      process.kill(chromiumPid, 'SIGKILL')
    } catch {}
    killed()
    smtp.hold = undefined

    // one sent, the held one still claimed, the rest pending
    const afterKill = await db.from('report_deliveries').where('run_id', run.id).orderBy('id')
    const held = afterKill.find((r) => String(r.id) === heldId)!
    assert.equal(held.status, 'sending')
    assert.lengthOf(
      afterKill.filter((r) => r.status === 'sent'),
      1
    )
    assert.includeMembers(
      ['sent', 'sending', 'pending'],
      [...new Set(afterKill.map((r) => r.status))]
    )
    assert.lengthOf(reportMails(smtp.accepted.slice(before)), 1)

    // its claim is stale after the timeout; another worker takes over and finishes the run
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const service = await app.container.make(DeliveryService)
    assert.equal(await service.drainRun(run.id, 'rescuer', { claimTimeoutSeconds: 1 }), 3)

    const mails = reportMails(smtp.accepted.slice(before))
    const counts = countByRecipient(mails)
    assert.deepEqual(
      list.map((c) => counts.get(c.contactEmail)),
      [1, 1, 1, 1]
    )
    const rows = await db.from('report_deliveries').where('run_id', run.id).orderBy('id')
    assert.deepEqual(
      rows.map((r) => r.status),
      ['sent', 'sent', 'sent', 'sent']
    )
    // the interrupted delivery was attempted twice and sent the PDF the dead worker had stored
    const resent = rows.find((r) => String(r.id) === heldId)!
    assert.equal(resent.attempts, 2)
    assert.equal(resent.pdf_sha256, held.pdf_sha256)
    for (const mail of mails) {
      const row = rows.find((r) => String(r.id) === mail.parsed.headers.get('x-report-delivery'))!
      assert.equal(sha(attachmentOf(mail)), row.pdf_sha256)
    }
  }).timeout(120_000)

  test('finance managers keep schedules (audited); deliveries can be downloaded and resent', async ({
    client,
    assert,
  }) => {
    const manager = await makeUser('finance_manager')
    const clerk = await makeUser('finance')
    const body = {
      name: '月度对账单',
      kind: 'statements',
      cron: '0 8 1 * *',
      timezone: 'Asia/Shanghai',
      periodRule: 'previous_month',
    }
    await expectStatus(postAs(client, clerk.token, route('report_schedules.store'), body), 403)
    const invalid = await expectStatus(
      postAs(client, manager.token, route('report_schedules.store'), {
        ...body,
        cron: 'every day',
      }),
      422
    )
    assert.equal(invalid.body().errors[0].field, 'cron')
    const badZone = await expectStatus(
      postAs(client, manager.token, route('report_schedules.store'), {
        ...body,
        timezone: 'Mars/Base',
      }),
      422
    )
    assert.equal(badZone.body().errors[0].field, 'timezone')
    const created = await expectStatus(
      postAs(client, manager.token, route('report_schedules.store'), body),
      201
    )
    const schedule = created.body()
    assert.equal(schedule.locale, 'zh-CN')
    assert.isNull(schedule.customerIds)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'report_schedule', entity_id: String(schedule.id), action: 'create' })
    assert.lengthOf(audit, 1)
    const patched = await expectStatus(
      client
        .patch(route('report_schedules.update', { id: schedule.id }))
        .bearerToken(manager.token)
        .json({ enabled: false }),
      200
    )
    assert.isFalse(patched.body().enabled)
    await expectStatus(getAs(client, clerk.token, route('report_schedules.index')), 200)

    // edits of different fields at once: none is lost (each reads the schedule under its lock)
    const edits = ['name', 'locale', 'recipients', 'periodRule'] as const
    const values = {
      name: '月度对账单（新）',
      locale: 'en',
      recipients: ['cfo@company.test'],
      periodRule: 'previous_quarter',
    }
    const answers = await Promise.all(
      edits.map((field) =>
        client
          .patch(route('report_schedules.update', { id: schedule.id }))
          .bearerToken(manager.token)
          .json({ [field]: values[field] })
      )
    )
    assert.deepEqual(
      answers.map((r) => r.status()),
      [200, 200, 200, 200]
    )
    const edited = await db.from('report_schedules').where('id', schedule.id).firstOrFail()
    assert.deepInclude(edited, {
      name: values.name,
      locale: 'en',
      recipients: values.recipients,
      period_rule: 'previous_quarter',
    })

    // a sent delivery: download its PDF, resend it (same bytes), audited
    const [customer] = await customers(client, 1)
    const { run } = await statementRun([customer.id])
    const deliveries = await app.container.make(DeliveryService)
    await deliveries.drainRun(run.id)
    const listed = await expectStatus(
      getAs(client, clerk.token, `${route('report_deliveries.index')}?runId=${run.id}`),
      200
    )
    const [delivery] = listed.body().data
    assert.equal(delivery.status, 'sent')
    const download = await expectStatus(
      getAs(client, clerk.token, route('report_deliveries.pdf', { id: delivery.id })),
      200
    )
    assert.equal(sha(Buffer.from(download.body() as any)), delivery.pdfSha256)

    await expectStatus(
      postAs(client, clerk.token, route('report_deliveries.resend', { id: delivery.id }), {}),
      403
    )
    const before = smtp.accepted.length
    const resent = await expectStatus(
      postAs(client, manager.token, route('report_deliveries.resend', { id: delivery.id }), {
        to: ['auditor@customer.test'],
      }),
      200
    )
    assert.equal(resent.body().sendCount, 2)
    const [mail] = reportMails(smtp.accepted.slice(before))
    assert.equal((mail.parsed.to as any).value[0].address, 'auditor@customer.test')
    assert.equal(sha(attachmentOf(mail)), delivery.pdfSha256)
    const resendAudit = await db
      .from('audit_logs')
      .where({ entity_type: 'report_delivery', entity_id: String(delivery.id), action: 'resend' })
    assert.lengthOf(resendAudit, 1)
  })
})
