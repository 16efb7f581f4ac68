import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { makeUser } from '#tests/support/fixtures'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { pdfText } from '#tests/support/report_fixtures'
import { customerWithSentStatement } from '#tests/support/confirmations'
import { closeSharedRenderer } from '#reports/renderer'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { RunService } from '#modules/reports/services/run_service'
import { confirmationKpis } from '#modules/reports/confirmations/confirmation_kpis'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test.group('Reports: the executive pack schedule end to end', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    env.set('STATEMENT_LINK_RATE', 10_000)
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('confirmation rate and open disputes: confirmed ÷ asked, unresolved disputes', async ({
    client,
    assert,
  }) => {
    const { user: owner } = await makeUser('sales')
    const a = await customerWithSentStatement(client, smtp.accepted)
    const b = await customerWithSentStatement(client, smtp.accepted)
    await db
      .from('customers')
      .whereIn('id', [a.customer.id, b.customer.id])
      .update({ sales_owner_id: owner.id })
    const ok = await client.post(`${a.path}/confirm`).redirects(0).form({})
    ok.assertStatus(303)
    const no = await client.post(`${b.path}/dispute`).redirects(0).field('comment', '不符')
    no.assertStatus(303)
    const kpis = await confirmationKpis(db.connection(), undefined, owner.id)
    assert.deepEqual(kpis, { rate: '50.0', confirmed: 1, asked: 2, openDisputes: 1 })
  })

  test('the schedule fires, the pack is stored, every executive gets the exact bytes', async ({
    assert,
  }) => {
    const inserted = await db.rawQuery(
      `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, recipients, created_at)
       VALUES ('月报 e2e', 'exec_pack', '0 8 1 * *', 'Asia/Shanghai', 'previous_month',
               ARRAY['ceo@company.test', 'cfo@company.test'], '2025-06-15T00:00:00Z') RETURNING id`
    )
    const scheduleId = inserted.rows[0].id
    // 08:30 on 1 July in Shanghai: the 08:00 instant is due, for June
    const runs = await new RunService().fireDue(new Date('2025-07-01T00:30:00Z'))
    const run = runs.find((r) => Number(r.schedule_id) === Number(scheduleId))!
    assert.equal(run.period_from, '2025-06-01')
    assert.equal(run.period_to, '2025-06-30')
    const before = smtp.accepted.length
    const service = await app.container.make(DeliveryService)
    assert.equal(await service.drainRun(run.id), 1)

    const delivery = await db.from('report_deliveries').where('run_id', run.id).firstOrFail()
    assert.equal(delivery.status, 'sent')
    assert.equal(delivery.pdf_sha256, sha(delivery.pdf))
    const mails = smtp.accepted.slice(before).filter((m) => m.parsed.attachments.length > 0)
    assert.lengthOf(mails, 1)
    assert.sameMembers(mails[0].to, ['ceo@company.test', 'cfo@company.test'])
    assert.include(mails[0].parsed.subject!, '预收款管理月报 2025-06-01 — 2025-06-30')
    const attached = mails[0].parsed.attachments[0].content
    assert.isTrue(attached.equals(delivery.pdf))
    assert.notInclude(mails[0].parsed.text!, '/s/') // no confirmation link on a pack
    const text = await pdfText(attached)
    assert.include(text, '预收款管理月报')
    assert.include(text, '对账确认率')
    assert.include(text, '未处理对账异议')
    const finished = await db.from('report_runs').where('id', run.id).firstOrFail()
    assert.equal(finished.status, 'completed')
    // fired once: the same instant again creates nothing
    const again = await new RunService().fireDue(new Date('2025-07-01T00:45:00Z'))
    assert.isUndefined(again.find((r) => Number(r.schedule_id) === Number(scheduleId)))
  })
})
