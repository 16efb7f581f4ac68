import { test } from '@japa/runner'
import { loadJobModules } from '#modules/worker/background_worker'

test.group('Background worker: the job registry (start/jobs.ts)', () => {
  test('one worker runs the report, alert, outbox, webhook, notification, audit and backup jobs, crons included', async ({
    assert,
  }) => {
    const modules = await loadJobModules()
    assert.deepEqual(
      modules.map((m) => m.name),
      ['reports', 'alerts', 'outbox', 'webhooks', 'notifications', 'audit', 'backup']
    )
    assert.deepEqual(
      modules.flatMap((m) => m.polling ?? []).map((p) => [p.name, p.everyMs]),
      [
        ['report-exports', 2000],
        ['report-export-retention', 3_600_000],
        ['statement-reminders', 300_000],
        ['outbox-dispatch', 1000],
        ['outbox-retention', 3_600_000],
        ['webhooks-deliver', 1000],
        ['notification-emails', 5000],
        ['audit-verify-runs', 5000],
      ]
    )
    const jobs = modules.flatMap((m) => m.jobs)
    assert.deepEqual(
      jobs.map((j) => [j.queue, j.cron ?? null, j.timezone ?? 'company']),
      [
        ['reports-tick', '* * * * *', 'UTC'],
        ['reports-run', null, 'company'],
        ['alerts-evaluate', '5 * * * *', 'company'],
        ['alerts-digest', '0 8 * * *', 'company'],
        ['approvals-expire', '*/10 * * * *', 'company'],
        ['audit-verify-nightly', '15 3 * * *', 'company'],
        ['backup-daily', '30 2 * * *', 'company'],
      ]
    )
  })

  test('--only picks modules; an unknown name is refused, not ignored', async ({ assert }) => {
    const only = await loadJobModules({ only: ['alerts'] })
    assert.deepEqual(
      only.map((m) => m.name),
      ['alerts']
    )
    await assert.rejects(
      () => loadJobModules({ only: ['nonesuch'] }),
      /unknown job module nonesuch/
    )
  })
})
